import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { renderReference } from '../../scripts/reference-markdown.js';

it('docs/reference.md says what the command definitions say (npm run docs regenerates it)', async () => {
  const onDisk = await readFile(new URL('../../docs/reference.md', import.meta.url), 'utf8');
  expect(onDisk, 'docs/reference.md is out of date: run "npm run docs" and commit it').toBe(renderReference());
});
