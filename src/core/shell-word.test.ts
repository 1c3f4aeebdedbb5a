import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote, shellWord } from './shell-word.js';

describe('shellWord', () => {
  it('leaves plain ids and paths as they are', () => {
    for (const value of ['check-42', 'a1b2.c3_d4', '/home/me/.soldo/private.pem', 'user@example.com', 'v+w:x,50%']) expect(shellWord(value)).toBe(value);
  });

  it.each(['x; rm -rf ~', "it's", '$(id)', '`id`', 'a b', '~root', '=ls', 'k=v', '', 'tab\there'])('quotes %j so that the shell reads it back as one word', (value) => {
    expect(shellWord(value)).toBe(shellQuote(value));
    expect(execFileSync('bash', ['-c', `printf %s ${shellWord(value)}`], { encoding: 'utf8' })).toBe(value);
  });
});

describe('shellQuote', () => {
  it('quotes even a plain word', () => {
    expect(shellQuote('/home/me/config.json')).toBe("'/home/me/config.json'");
    expect(execFileSync('bash', ['-c', `printf %s ${shellQuote("it's")}`], { encoding: 'utf8' })).toBe("it's");
  });
});
