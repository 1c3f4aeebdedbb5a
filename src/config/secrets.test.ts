import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, CliError, exitCodeFor, UsageError } from '../errors.js';
import { expandPath, resolveSecret } from './secrets.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-secrets-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(action: Promise<unknown>): Promise<CliError> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CliError);
  return error as CliError;
}

describe('resolveSecret', () => {
  it('returns a literal as it is, colons included', async () => {
    expect(await resolveSecret('s3cr3t:with:colons', { env: {}, cwd: dir })).toBe('s3cr3t:with:colons');
  });

  it('reads env:NAME from the given environment', async () => {
    expect(await resolveSecret('env:MY_SECRET', { env: { MY_SECRET: 'from-env' }, cwd: dir })).toBe('from-env');
  });

  it.each([[{}], [{ MY_SECRET: '' }]])('fails with exit 4 naming the variable when it is unset or empty (%j)', async (env) => {
    const error = await failure(resolveSecret('env:MY_SECRET', { env, cwd: dir }));
    expect(error).toBeInstanceOf(AuthError);
    expect(exitCodeFor(error)).toBe(4);
    expect(error.code).toBe('credentials_missing');
    expect(error.message).toContain('MY_SECRET');
  });

  it('reads file:PATH relative to cwd, without its one trailing newline', async () => {
    await writeFile(join(dir, 'secret.txt'), 'from-file\n');
    await writeFile(join(dir, 'crlf.txt'), 'crlf\r\n');
    await writeFile(join(dir, 'two.txt'), 'two\n\n');
    await writeFile(join(dir, 'none.txt'), 'none');
    const context = { env: {}, cwd: dir };
    expect(await resolveSecret('file:secret.txt', context)).toBe('from-file');
    expect(await resolveSecret(`file:${join(dir, 'secret.txt')}`, { env: {}, cwd: '/' })).toBe('from-file');
    expect(await resolveSecret('file:crlf.txt', context)).toBe('crlf');
    expect(await resolveSecret('file:two.txt', context)).toBe('two\n');
    expect(await resolveSecret('file:none.txt', context)).toBe('none');
  });

  it('expands ~/ to the home directory', async () => {
    await mkdir(join(dir, '.secrets'));
    await writeFile(join(dir, '.secrets', 'solaris'), 'at-home\n');
    expect(await resolveSecret('file:~/.secrets/solaris', { env: { HOME: dir }, cwd: '/' })).toBe('at-home');
  });

  it('fails with a usage error naming the path and the reason for a missing file', async () => {
    const error = await failure(resolveSecret('file:missing.txt', { env: {}, cwd: dir }));
    expect(error).toBeInstanceOf(UsageError);
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toBe(`Cannot read the secret file ${join(dir, 'missing.txt')} (from file:missing.txt): ENOENT: no such file or directory`);
  });

  it('fails with a usage error for a directory', async () => {
    const error = await failure(resolveSecret(`file:${dir}`, { env: {}, cwd: '/' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('EISDIR');
  });
});

describe('expandPath', () => {
  it('resolves ~, ~/ and relative paths', () => {
    const context = { env: { HOME: '/home/u' }, cwd: '/work' };
    expect(expandPath('~', context)).toBe('/home/u');
    expect(expandPath('~/k.pem', context)).toBe('/home/u/k.pem');
    expect(expandPath('keys/k.pem', context)).toBe('/work/keys/k.pem');
    expect(expandPath('/abs/k.pem', context)).toBe('/abs/k.pem');
    expect(expandPath('~user/k.pem', context)).toBe('/work/~user/k.pem');
  });
});
