/**
 * A merge that left its conflict markers in a tracked file (a README half of one branch, half of another) fails here,
 * whatever the file's kind: no other check reads every file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MARKER = /^(<{7} |={7}$|>{7} )/m;

it('no tracked text file holds a merge conflict marker', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter((f) => /\.(md|ts|mjs|cjs|js|json|ya?ml)$|^\.ci\//.test(f));
  expect(files.length).toBeGreaterThan(100);
  const marked = files.filter((file) => MARKER.test(readFileSync(join(ROOT, file), 'utf8')));
  expect(marked).toEqual([]);
});
