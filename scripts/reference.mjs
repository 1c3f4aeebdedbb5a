// Writes docs/reference.md from the command definitions (`npm run docs`): bundles scripts/reference-markdown.ts with
// esbuild, dependencies left to node_modules, and runs it. test/docs/reference.test.ts fails when the file is stale.
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside node_modules, so the bundle's imports of commander & co. resolve.
const bundle = `${root}node_modules/.cache/fintech-cli/reference-${process.pid}.mjs`;
await mkdir(`${root}node_modules/.cache/fintech-cli`, { recursive: true });
try {
  await build({
    absWorkingDir: root,
    entryPoints: ['scripts/reference-markdown.ts'],
    outfile: bundle,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    logLevel: 'warning',
  });
  const { renderReference } = await import(pathToFileURL(bundle).href);
  await writeFile(`${root}docs/reference.md`, renderReference());
  console.log('wrote docs/reference.md');
} finally {
  await rm(bundle, { force: true });
}
