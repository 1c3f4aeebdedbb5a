import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Context } from '../context.js';
import type { InStream, OutStream } from '../io/streams.js';
import { globalValueOptions } from '../globals.js';
import { buildProgram, helpIndexOf, runProgram } from '../program.js';
import { commands } from './index.js';
import { type CommandEntry, entriesFor, loadCommand, registry } from './registry.js';

const words = (entries: readonly CommandEntry[]) => entries.map((e) => e.path.join(' '));
const needed = (argv: string[]) => words(entriesFor(argv, globalValueOptions));

describe('the command registry', () => {
  it("names each command once, and each line's module defines a command with exactly its words", async () => {
    expect(new Set(words(registry)).size).toBe(registry.length);
    for (const entry of registry) expect((await loadCommand(entry)).path).toEqual(entry.path);
  });

  it('gives the complete commands in the same order (index.ts, for completion scripts)', () => {
    expect(commands.map((spec) => spec.path.join(' '))).toEqual(words(registry));
  });

  it('says which lines a command line needs: the command it runs, or the commands under the group it stops at', () => {
    expect(needed(['soldo', 'fingerprint', '--url', '/x'])).toEqual(['soldo fingerprint']);
    expect(needed(['--json', 'auth', 'token', 'solaris'])).toEqual(['auth token']);
    expect(needed(['--env', 'emulator', 'config', 'path'])).toEqual(['config path']);
    expect(needed(['--profile', 'soldo', 'soldo', 'orders'])).toEqual(['soldo orders']);
    expect(needed(['soldo', 'help', 'sign'])).toEqual(['soldo sign']);
    expect(needed(['help', 'soldo'])).toEqual(needed(['soldo']));
    expect(needed(['soldo', '--help'])).toEqual(['soldo fingerprint', 'soldo sign', 'soldo verify', 'soldo keygen', 'soldo orders']);
    expect(needed(['giroident', 'check'])).toEqual(['giroident check create', 'giroident check get']);
    expect(needed(['soldo', 'fingerprnt'])).toEqual(needed(['soldo']));
    const topLevel = registry.filter((e) => e.path.length === 1).map((e) => e.path.join(' '));
    expect(needed(['--help'])).toEqual(topLevel);
    expect(needed([])).toEqual(topLevel);
    expect(needed(['--', 'soldo'])).toEqual(topLevel);
    expect(needed(['--version', '--json'])).toEqual(topLevel);
  });
});

describe('the lazily loaded program', () => {
  // Every help page and the usual mistakes, compared with a program built from every command, complete.
  const groups = [...new Set(registry.flatMap((e) => e.path.slice(0, -1).map((_, i) => e.path.slice(0, i + 1).join(' '))))];
  const lines = [
    [],
    ['--help'],
    ['help'],
    ...groups.map((group) => [...group.split(' '), '--help']),
    ...registry.map((e) => [...e.path, '--help']),
    ['help', 'soldo'],
    ['soldo', 'help', 'fingerprint'],
    ['confg', 'list'],
    ['soldo', 'fingerprnt'],
    ['--env', 'soldo', 'fingerprint'],
    ['auth', 'token', '--bogus'],
    ['--json', '--version'],
    ['config'],
  ];

  it.each(lines.map((argv) => [argv.join(' ') || '(nothing)', argv]))('answers "%s" as the complete program does', async (_name, argv) => {
    const complete = await run((ctx) => buildProgram(ctx, commands).parseAsync([...argv], { from: 'user' }), argv);
    // From source: the commands a help lists are imported. Built: they are listed from the help index in dist/.
    expect(await run((ctx) => runProgram(ctx, argv), argv)).toEqual(complete);
    expect(await run((ctx) => runProgram(ctx, argv, { index: helpIndexOf(ctx, commands) }), argv)).toEqual(complete);
  });

  it('loads a command the argv walk did not foresee before commander parses its arguments', async () => {
    const argv = ['soldo', 'orders', 'wallet', '--json'];
    const lazy = await run((ctx) => runProgram(ctx, argv, { preload: [] }), argv);
    expect(lazy).toEqual(await run((ctx) => runProgram(ctx, argv), argv));
    expect(lazy.stdout).toContain('wallet');
  });
});

class Buffered implements OutStream {
  text = '';
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

/** Runs `parse` with buffered streams; commander's exits (help, version, errors) are part of the result. */
async function run(parse: (ctx: Context) => Promise<unknown>, argv: string[]): Promise<{ stdout: string; stderr: string; thrown?: string }> {
  const stdout = new Buffered();
  const stderr = new Buffered();
  const ctx: Context = {
    streams: { stdin: Readable.from([]) as unknown as InStream, stdout, stderr },
    env: { FINTECH_CLI_CONFIG_DIR: '/nonexistent/fintech-cli-registry-test' },
    cwd: process.cwd(),
    now: () => Date.UTC(2026, 10, 25, 12),
    version: '0.0.0-test',
    signal: new AbortController().signal,
  };
  try {
    await parse(ctx);
    return { stdout: stdout.text, stderr: stderr.text };
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    // runProgram returns on help and version; the complete program throws commander's exit for them.
    if (['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(code)) return { stdout: stdout.text, stderr: stderr.text };
    return { stdout: stdout.text, stderr: stderr.text, thrown: `${code}: ${(error as Error).message} (${argv.join(' ')})` };
  }
}
