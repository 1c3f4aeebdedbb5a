// Bundles src/main.ts into dist/ with code splitting, so command modules and heavy libraries load only when used.
import { build } from 'esbuild';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Build beside dist/ and swap it in, so a binary running meanwhile (a parallel test run) never sees it half-written.
const staging = `dist.staging-${process.pid}`;
await build({
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // CJS dependencies call require(); an ESM bundle has none unless we create it.
  banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
});
const retired = `dist.retired-${process.pid}`;
await rename(`${root}dist`, `${root}${retired}`).catch(() => {});
await rename(`${root}${staging}`, `${root}dist`);
await rm(`${root}${retired}`, { recursive: true, force: true });
