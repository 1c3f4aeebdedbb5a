import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import vectorFile from '../../../test/fixtures/soldo/vectors.json' with { type: 'json' };
import { runCli, tempConfig } from '../../../test/helpers/run-cli.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
beforeEach(async () => {
  config = await tempConfig();
});
afterEach(() => config.cleanup());

const fixture = (name: string) => new URL(`../../../test/fixtures/soldo/${name}`, import.meta.url).pathname;
const run = (fingerprint: string, signature: string, keyFile = fixture('public.pem'), extra: string[] = []) =>
  runCli(['soldo', 'verify', '--fingerprint', fingerprint, '--signature', signature, '--public-key-file', keyFile, ...extra], { env: config.env });

const [worked, other] = vectorFile.vectors;
if (worked === undefined || other === undefined) throw new Error('vectors.json lost its first vectors');
const { fingerprint, signature } = worked.expected;

describe('soldo verify', () => {
  it('exits 0 with a tick on stderr for a valid signature, with the SPKI or PKCS#1 public key', async () => {
    expect(await run(fingerprint, signature)).toEqual({ code: 0, stdout: '', stderr: '✓ The signature is valid for this fingerprint and key.\n' });
    expect((await run(fingerprint, signature, fixture('public-pkcs1.pem'))).code).toBe(0);
  });

  it('exits 3 for the signature of another fingerprint', async () => {
    const result = await run(fingerprint, other.expected.signature);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'error: The signature does not match this fingerprint and public key.\n' +
        'Sign the fingerprint hex (not the concatenated string) with SHA-512 and PKCS#1 v1.5, using the private half of this key.\n',
    );
  });

  it('points at uppercase hex when the fingerprint has it', async () => {
    const result = await run(fingerprint.toUpperCase(), signature);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Soldo signs and checks the lowercase hex.');
  });

  it('prints JSON, and still exits 3 when invalid', async () => {
    const valid = await run(fingerprint, signature, undefined, ['--json']);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toEqual({ fingerprint, valid: true });
    const invalid = await run(fingerprint, other.expected.signature, undefined, ['--json']);
    expect(invalid.code).toBe(3);
    expect(JSON.parse(invalid.stdout)).toEqual({ fingerprint, valid: false });
    expect(JSON.parse(invalid.stderr).error.code).toBe('signature_mismatch');
  });

  it.each([
    ['a signature that is not Base64', () => run(fingerprint, 'not base64!'), 'error: The signature is not valid Base64.'],
    ['a fingerprint that is not hex', () => run('xyz', signature), 'error: --fingerprint is not hex.'],
    ['a private key as the public key', () => run(fingerprint, signature, fixture('private.pem')), /private\.pem: Expected a public key, got a PEM private key\./],
    ['a certificate', () => run(fingerprint, signature, fixture('certificate.pem')), /certificate\.pem: Expected a public key, got a PEM certificate\./],
    ['a missing key file', () => run(fingerprint, signature, fixture('nope.pem')), /Cannot read the public key file .*nope\.pem: ENOENT/],
    ['a missing option', () => runCli(['soldo', 'verify', '--fingerprint', fingerprint], { env: config.env }), 'error: --signature is required.'],
  ])('exits 2 for %s', async (_, verify, message) => {
    const result = await verify();
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('soldo verify --explain', () => {
  /** Signed by the openssl binary: `openssl dgst -<digest> -sign private.pem [-sigopt rsa_padding_mode:pss] FILE`. */
  const opensslSign = (data: string, digest = 'sha512', pss = false) => {
    const file = join(config.dir, '..', 'data');
    writeFileSync(file, data);
    return execFileSync('openssl', ['dgst', `-${digest}`, '-sign', fixture('private.pem'), ...(pss ? ['-sigopt', 'rsa_padding_mode:pss'] : []), file]);
  };

  it('names the mistake that made a signature, with the key fingerprints, on stderr', async () => {
    const bad = opensslSign(fingerprint, 'sha256').toString('base64');
    const result = await run(fingerprint, bad, fixture('public.pem'), ['--explain', '--private-key-file', fixture('private.pem')]);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('✗ The signature is not the one Soldo expects.\n  uploaded key     SHA-256 ');
    expect(result.stderr).toContain(' (the same key)\nFound it:\n  Your code signs with SHA256withRSA; Soldo uses SHA512withRSA. [sha256-with-rsa]\n');
    expect(result.stderr).toMatch(/error: The signature does not match this fingerprint and public key\.\nFix the mistake above in your code\.\n$/);
  });

  it('names two mistakes in --json, and says a good signature is valid', async () => {
    const bad = opensslSign(worked.expected.concatenated, 'sha512', true).toString('base64');
    const argv = ['--explain', '--concatenated', worked.expected.concatenated, '--json'];
    const result = await run(fingerprint, bad, fixture('public.pem'), argv);
    expect(result.code).toBe(3);
    const doc = JSON.parse(result.stdout);
    expect(doc).toMatchObject({ fingerprint, valid: false, explain: { mistakes: [{ name: 'signed-concatenation+rsa-pss', signed: worked.expected.concatenated }] } });
    expect(doc.explain.keys.uploaded).toMatch(/^[0-9a-f]{64}$/);
    // No mistake is printed above the error in --json, so its hint names it.
    const { error } = JSON.parse(result.stderr);
    expect(error.code).toBe('signature_mismatch');
    expect(error.hint).toBe(`Fix this mistake in your code (signed-concatenation+rsa-pss): ${doc.explain.mistakes[0].explanation.replace(/\.$/, '')}.`);
    expect(error.hint).not.toContain('above');

    const good = await run(fingerprint, opensslSign(fingerprint).toString('base64'), fixture('public.pem'), ['--explain']);
    expect(good).toEqual({ code: 0, stdout: '', stderr: '✓ The signature is valid for this fingerprint and key.\n' });
  });

  it('refuses --private-key-file without --explain', async () => {
    const result = await run(fingerprint, signature, fixture('public.pem'), ['--private-key-file', fixture('private.pem')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--private-key-file is for --explain.');
  });
});
