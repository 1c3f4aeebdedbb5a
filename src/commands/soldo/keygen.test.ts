import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../../test/helpers/run-cli.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
let out: string;
beforeEach(async () => {
  config = await tempConfig();
  out = join(config.dir, '..', 'keys');
});
afterEach(() => config.cleanup());

const keygen = (extra: string[] = []) => runCli(['soldo', 'keygen', '--out', out, ...extra], { env: config.env });
const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('soldo keygen', () => {
  it('writes a 0600 PKCS#8 private key and an SPKI public key into a new 0700 directory', async () => {
    const result = await keygen();
    expect(result.code).toBe(0);
    const privateFile = join(out, 'private.pem');
    const publicFile = join(out, 'public.pem');
    expect(result.stdout).toMatch(new RegExp(`^Private key  ${privateFile}\nPublic key   ${publicFile}\nSHA-256      [0-9a-f]{64}\n$`));
    expect(await mode(out)).toBe(0o700);
    expect(await mode(privateFile)).toBe(0o600);
    expect(await readFile(privateFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(await readFile(publicFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(result.stderr).toContain(`Upload ${publicFile} in Soldo's web app`);
    expect(result.stderr).toContain(`fintech-cli config set soldo --private-key-file ${privateFile}`);
  });

  it('makes a pair that signs and verifies through the CLI', async () => {
    const doc = JSON.parse((await keygen(['--json'])).stdout);
    expect(Object.keys(doc)).toEqual(['private_key_file', 'public_key_file', 'public_key_sha256']);
    const fingerprint = 'ab'.repeat(64);
    const signed = await runCli(['soldo', 'sign', '--fingerprint', fingerprint, '--private-key-file', doc.private_key_file, '--json'], { env: config.env });
    const { signature } = JSON.parse(signed.stdout);
    const verified = await runCli(['soldo', 'verify', '--fingerprint', fingerprint, '--signature', signature, '--public-key-file', doc.public_key_file], {
      env: config.env,
    });
    expect(verified.code).toBe(0);
  });

  it('refuses to overwrite an existing pair without --force, and replaces it with', async () => {
    expect((await keygen()).code).toBe(0);
    const before = await readFile(join(out, 'private.pem'), 'utf8');
    const refused = await keygen();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(out, 'private.pem')} and ${join(out, 'public.pem')} already exist.`);
    expect(await readFile(join(out, 'private.pem'), 'utf8')).toBe(before);

    await writeFile(join(out, 'private.pem'), 'old', { mode: 0o644 });
    const forced = await keygen(['--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(out, 'private.pem'), 'utf8')).not.toBe('old');
    expect(await mode(join(out, 'private.pem'))).toBe(0o600);
  });

  it('refuses when only one of the two files exists', async () => {
    expect((await keygen()).code).toBe(0);
    await rm(join(out, 'private.pem'));
    const refused = await keygen();
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${join(out, 'public.pem')} already exists.`);
  });

  it('names the environment and profile in the config step', async () => {
    const result = await runCli(['soldo', 'keygen', '--out', out, '--production', '--profile', 'acme'], { env: config.env });
    expect(result.stderr).toContain('fintech-cli config set soldo --profile acme --env production --private-key-file');
  });

  it('needs --out', async () => {
    const result = await runCli(['soldo', 'keygen'], { env: config.env });
    expect(result).toMatchObject({ code: 2, stderr: 'error: --out is required.\nAdd --out <dir>.\n' });
  });
});
