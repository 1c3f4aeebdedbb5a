import { build } from 'esbuild';
const r = await build({ absWorkingDir: process.cwd(), entryPoints: ['src/main.ts'], bundle: true, splitting: true, format: 'esm', platform: 'node', outdir: '/tmp/run-x', write: false, metafile: true, logLevel: 'error' });
const inputs = r.metafile.inputs;
const seen = new Set(); const stack = [process.argv[2]];
while (stack.length) { const p = stack.pop(); if (seen.has(p)) continue; seen.add(p); for (const i of inputs[p]?.imports ?? []) if (i.kind !== 'dynamic-import') { if (i.external) seen.add('EXT ' + i.path); else stack.push(i.path); } }
let bytes = 0; for (const p of seen) bytes += inputs[p]?.bytes ?? 0;
console.log(bytes); console.log([...seen].sort().join(' '));
