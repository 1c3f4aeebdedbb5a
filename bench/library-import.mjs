// `node bench/library-import.mjs`: what `import('fintech-cli')` (docs/library.md) costs a process, against importing
// an empty ES module in the same run (target: at most 1.2×). Both are whole `node` processes started from a
// temporary project whose node_modules/fintech-cli links to this repository, so the package's `exports` resolve as
// for a user. bench/run.mjs times the same two files (`importFiles`) on both Node lines for docs/performance.md.
//
//   node bench/library-import.mjs [--quick] [--no-build] [--node PATH]… [--callgrind]
//
// --callgrind also counts instructions with valgrind (all threads, less variable than time on a busy machine), the
// least of three runs each. Every process runs without NODE_EXTRA_CA_CERTS, as on a usual machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hyperfineVersion, timeCommands } from './lib/timing.mjs';

export const TARGET = 1.2;

/** The two scripts timed, in `work`: one imports an empty module, the other the package by its name. */
export function importFiles(work, root = fileURLToPath(new URL('..', import.meta.url))) {
  mkdirSync(join(work, 'node_modules'), { recursive: true });
  symlinkSync(root, join(work, 'node_modules/fintech-cli'), 'dir');
  writeFileSync(join(work, 'empty.mjs'), '');
  const files = { empty: join(work, 'import-empty.mjs'), library: join(work, 'import-library.mjs') };
  writeFileSync(files.empty, "await import('./empty.mjs');\n");
  writeFileSync(files.library, "await import('fintech-cli');\n");
  return files;
}

/** Instructions of a whole process under callgrind, the least of `runs`. */
export function instructions(argv, env, runs = 3) {
  const counts = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...argv], { env, encoding: 'utf8' });
    const collected = /Collected : (\d+)/.exec(result.stderr)?.[1];
    if (result.status !== 0 || collected === undefined) throw new Error(`callgrind ${argv.join(' ')}: exit ${result.status}\n${result.stderr.slice(-500)}`);
    counts.push(Number(collected));
  }
  return Math.min(...counts);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { values: flags } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, 'no-build': { type: 'boolean', default: false }, node: { type: 'string', multiple: true }, callgrind: { type: 'boolean', default: false } },
  });
  if (!flags['no-build']) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  const work = mkdtempSync(join(tmpdir(), 'fintech-cli-library-import-'));
  try {
    const files = importFiles(work, root);
    const env = { ...process.env };
    delete env.NODE_EXTRA_CA_CERTS;
    const rounds = flags.quick ? 5 : 30;
    console.log(`import('fintech-cli') against an empty module's import, ${rounds} interleaved rounds (${hyperfineVersion() ?? 'Node harness'}); target ≤ ${TARGET}×`);
    for (const node of flags.node ?? [process.execPath]) {
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      const commands = [
        { id: 'empty', argv: [node, files.empty] },
        { id: 'library', argv: [node, files.library] },
      ];
      const times = timeCommands(commands, { rounds, env, cwd: work });
      const [empty, library] = [times.get('empty').median, times.get('library').median];
      console.log(`${version}: ${library.toFixed(1)} ms against ${empty.toFixed(1)} ms, ${(library / empty).toFixed(2)}×`);
      if (flags.callgrind) {
        const [e, l] = commands.map((c) => instructions(c.argv, env));
        console.log(`${version}: ${(l / 1e6).toFixed(1)} M instructions against ${(e / 1e6).toFixed(1)} M, ${(l / e).toFixed(2)}× (callgrind, least of 3)`);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
