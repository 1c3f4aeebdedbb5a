import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InStream } from '../../io/streams.js';
import { readFileInput, readInput } from './input.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fintech-cli-input-'));
  await writeFile(join(dir, 'body.txt'), 'a=1\r\nb=2\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const cx = (stdin = '') => ({ cwd: dir, streams: { stdin: Readable.from([Buffer.from(stdin)]) as unknown as InStream, stdout: process.stdout, stderr: process.stderr } });
const onError = { code: 'data_file_unreadable', what: 'the body file' };

describe('readInput', () => {
  it('gives a file and standard input byte for byte, the final newline included; text as given', async () => {
    expect(await readInput(cx(), '@body.txt', onError)).toEqual(Buffer.from('a=1\r\nb=2\n'));
    expect(await readInput(cx('x\n\n'), '-', onError)).toEqual(Buffer.from('x\n\n'));
    expect(await readInput(cx(), 'a=1\n', onError)).toBe('a=1\n');
  });

  it("reports an unreadable file with the caller's code and words", async () => {
    await expect(readInput(cx(), '@missing.txt', onError)).rejects.toMatchObject({
      code: 'data_file_unreadable',
      message: expect.stringMatching(/^Cannot read the body file .*missing\.txt: /),
    });
    await expect(readFileInput(cx(), 'missing.txt')).rejects.toMatchObject({ code: 'file_unreadable', message: expect.stringMatching(/^Cannot read \/.*missing\.txt: /) });
  });
});
