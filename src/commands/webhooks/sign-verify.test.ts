import { createHmac } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig, type RunOptions } from '../../../test/helpers/run-cli.js';
import { openConfig, setProviderSettings } from '../../config/config-file.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
let bodyFile: string;
beforeEach(async () => {
  config = await tempConfig();
  bodyFile = join(config.dir, '..', 'body.json');
  await writeFile(bodyFile, BODY);
});
afterEach(() => config.cleanup());

// RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?").
const SECRET = 'Jefe';
const BODY = 'what do ya want for nothing?';
const SIGNATURE = 'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843';
const run = (argv: string[], options: RunOptions = {}) => runCli(['webhooks', ...argv], { ...options, env: { ...config.env, ...options.env } });

describe('webhooks sign', () => {
  it('takes the body as -d text, and through the hidden deprecated --file with a note on stderr', async () => {
    expect(await run(['sign', '--secret', SECRET, '-d', BODY])).toEqual({ code: 0, stdout: `${SIGNATURE}\n`, stderr: '' });
    expect((await run(['sign', '--secret', SECRET, '--data', '-'], { stdin: BODY })).stdout).toBe(`${SIGNATURE}\n`);
    expect(await run(['sign', '--secret', SECRET, '--file', bodyFile])).toEqual({
      code: 0,
      stdout: `${SIGNATURE}\n`,
      stderr: 'note: --file is deprecated and will be removed in a later release; use --data @<path>.\n',
    });
    expect((await run(['verify', '--secret', SECRET, '--signature', SIGNATURE, '--file', bodyFile])).code).toBe(0);
    const both = await run(['sign', '--secret', SECRET, '--file', bodyFile, '--data', BODY]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('error: --data and --file both give the body.');
    const help = await run(['sign', '--help']);
    expect(help.stdout).toContain('-d, --data <json|@file|->');
    expect(help.stdout).not.toContain('--file');
  });

  it('signs the exact bytes of --data @file or stdin', async () => {
    expect(await run(['sign', '--secret', SECRET, '--data', `@${bodyFile}`])).toEqual({ code: 0, stdout: `${SIGNATURE}\n`, stderr: '' });
    expect((await run(['sign', '--secret', SECRET], { stdin: BODY })).stdout).toBe(`${SIGNATURE}\n`);
    // A trailing newline is part of the body.
    const withNewline = createHmac('sha256', SECRET).update(`${BODY}\n`).digest('hex');
    expect((await run(['sign', '--secret', SECRET], { stdin: `${BODY}\n` })).stdout).toBe(`sha256=${withNewline}\n`);
  });

  it('takes the secret from the variable, --secret-stdin or a stored webhook id', async () => {
    expect((await run(['sign', '--data', `@${bodyFile}`], { env: { FINTECH_CLI_WEBHOOK_SECRET: SECRET } })).stdout).toBe(`${SIGNATURE}\n`);
    expect((await run(['sign', '--secret-stdin', '--data', `@${bodyFile}`], { stdin: `${SECRET}\n` })).stdout).toBe(`${SIGNATURE}\n`);
    await setProviderSettings(openConfig(config.dir), { profile: 'default', provider: 'solaris', env: 'sandbox' }, { webhook_secrets: { 'wh-1': SECRET } });
    expect((await run(['sign', '--webhook-id', 'wh-1', '--data', `@${bodyFile}`])).stdout).toBe(`${SIGNATURE}\n`);
    // The id is per environment: nothing is stored for it in the emulator.
    const elsewhere = await run(['sign', '--webhook-id', 'wh-1', '--data', `@${bodyFile}`, '--emulator']);
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain('No secret is stored for webhook wh-1 (emulator, profile default).');
  });

  it('names the algorithm in the header and prints JSON', async () => {
    const sha512 = createHmac('sha512', SECRET).update(BODY).digest('hex');
    const result = await run(['sign', '--secret', SECRET, '--data', `@${bodyFile}`, '--algorithm', 'sha512', '--json']);
    expect(JSON.parse(result.stdout)).toEqual({ algorithm: 'sha512', signature: `sha512=${sha512}`, bytes: BODY.length });
  });

  it.each<[string, string[], RunOptions, string]>([
    ['no secret', ['--data', '@x'], {}, 'No webhook secret given.'],
    ['two secrets', ['--secret', 'a', '--webhook-id', 'b'], {}, '--secret and --webhook-id each give the secret.'],
    ['secret and body both on stdin', ['--secret-stdin'], { stdin: 'x' }, '--secret-stdin needs the body from a file'],
    ['an unreadable file', ['--secret', 'a', '--data', '@/nonexistent/body'], {}, 'Cannot read the body file /nonexistent/body: ENOENT'],
    ['a terminal on stdin', ['--secret', 'a'], { tty: true }, 'No body: give --data @<path> or pipe the body in.'],
  ])('exits 2 for %s', async (_, argv, options, message) => {
    const result = await run(['sign', ...argv], options);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });
});

describe('webhooks verify', () => {
  it('exits 0 for a valid signature, 3 for another body', async () => {
    expect(await run(['verify', '--secret', SECRET, '--signature', SIGNATURE, '--data', `@${bodyFile}`])).toEqual({
      code: 0,
      stdout: '',
      stderr: '✓ The signature matches this body and secret.\n',
    });
    const other = await run(['verify', '--secret', SECRET, '--signature', SIGNATURE], { stdin: `${BODY} ` });
    expect(other).toEqual({
      code: 3,
      stdout: '',
      stderr: 'error: The signature does not match this body and secret.\nRun again with --explain to look for the likely cause.\n',
    });
  });

  it('--explain names a trailing newline added to the copy', async () => {
    const result = await run(['verify', '--secret', SECRET, '--signature', SIGNATURE, '--explain'], { stdin: `${BODY}\n` });
    expect(result.code).toBe(3);
    expect(result.stderr.split('\n')).toEqual([
      '✗ The signature does not match this body and secret (--secret).',
      `  given     ${SIGNATURE}`,
      `  expected  sha256=${createHmac('sha256', SECRET).update(`${BODY}\n`).digest('hex')}`,
      'Likely cause:',
      '  - The signature matches this body without its final newline: a newline was added to your copy (an editor, echo or a heredoc adds one).',
      'error: The signature does not match this body and secret.',
      '',
    ]);
  });

  it('--explain --json gives the causes; a different secret is named when nothing reproduces it', async () => {
    const result = await run(['verify', '--secret', 'not-jefe', '--signature', SIGNATURE, '--data', `@${bodyFile}`, '--explain', '--json']);
    expect(result.code).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ valid: false, signature: SIGNATURE, explanation: { causes: [] } });
    expect(doc.explanation.notes[0]).toContain('the secret is most likely a different one');
    expect(JSON.parse(result.stderr)).toEqual({ error: { code: 'signature_mismatch', message: 'The signature does not match this body and secret.' } });
  });

  it('--explain recognises a Base64 digest without the prefix', async () => {
    const base64 = createHmac('sha256', SECRET).update(BODY).digest('base64');
    const result = await run(['verify', '--secret', SECRET, '--signature', base64, '--data', `@${bodyFile}`, '--explain']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('The header has no digest name');
    expect(result.stderr).toContain('The digest is Base64');
  });

  it('requires --signature', async () => {
    const result = await run(['verify', '--secret', SECRET, '--data', `@${bodyFile}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--signature is required.');
  });
});
