// `npm run bench`: builds dist/, measures fintech-cli against its baselines in the same run, and writes
// docs/performance.md. Needs nothing beyond the dev install: hyperfine is used where installed, otherwise a Node
// harness; the load generator is our own, on loopback only.
//
//   npm run bench                        full run (a few minutes), writes docs/performance.md
//   npm run bench -- --quick             fewer runs, shorter loads (a smoke test of the benchmarks themselves)
//   npm run bench -- --bin DIR/bin/fintech-cli.js --out FILE   measure another build (e.g. an older one) instead
//
// Figures are reported as ratios to their baselines, never asserted: a timing test would fail on a busy machine.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { load } from './lib/load.mjs';
import { hyperfineVersion, summary, timeCommands } from './lib/timing.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, bin: { type: 'string' }, out: { type: 'string' }, 'no-build': { type: 'boolean', default: false } },
});
const BIN = flags.bin ? resolve(flags.bin) : join(root, 'bin/fintech-cli.js');
const OUT = flags.out ? resolve(flags.out) : join(root, 'docs/performance.md');
const ROUNDS = flags.quick ? 5 : 30;
const LOAD_SECONDS = flags.quick ? 1 : 4;
const LOAD_ROUNDS = flags.quick ? 1 : 3;
const node = process.execPath;
const say = (line) => process.stderr.write(`${line}\n`);

/** Soldo's worked example (docs/soldo.md): the transaction search. */
const SOLDO_EXAMPLE = ['--token', 'QDX6RK6OH1CZLSWOUWBA', '--url', '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=SETTLEMENT&category=Payment&status=Settled'];
const API_PATH = '/v1/webhooks';
const SECRET = 'bench-webhook-secret';

if (!flags.bin && !flags['no-build']) {
  say('building dist/ …');
  execFileSync(node, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}

const work = mkdtempSync(join(tmpdir(), 'fintech-cli-bench-'));
const children = [];
process.on('exit', () => {
  for (const child of children) child.kill();
  rmSync(work, { recursive: true, force: true });
});

const startedAt = new Date();
const load0 = loadavg();
const results = { startup: [], throughput: [], sizes: [] };

// --- The emulator, the token cache and the inputs -----------------------------------------------------------------
const emulator = await startServer(node, [BIN, 'emulator', '--port', '0', '--json'], 'stdout', (line) => JSON.parse(line).url);
let tokenRequests = 0;
emulator.lines.on('line', (line) => {
  if (line.includes('"path":"/solaris/auth/oauth2/token"')) tokenRequests++;
});
const env = {
  ...process.env,
  NO_COLOR: '1',
  FINTECH_CLI_CONFIG_DIR: join(work, 'config'),
  FINTECH_CLI_EMULATOR_URL: emulator.url,
  BENCH_API_URL: `${emulator.url}/solaris/api`,
  BENCH_AUTH_URL: `${emulator.url}/solaris/auth`,
  BENCH_API_PATH: API_PATH,
  BENCH_CLIENT_ID: 'demo-solaris-client',
  BENCH_CLIENT_SECRET: 'demo-solaris-secret',
};
const emptyModule = join(work, 'empty.mjs');
writeFileSync(emptyModule, '');
const body1mb = join(work, 'body-1mb.json');
writeFileSync(body1mb, JSON.stringify({ data: 'x'.repeat(1024 * 1024 - 12) }));
const token = check(['auth', 'token', 'solaris', '--emulator']).trim();
env.BENCH_TOKEN = token;
for (let waited = 0; tokenRequests === 0 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));

// Warm cache: `auth token` again, and the emulator must see no token request.
const before = tokenRequests;
for (let i = 0; i < 5; i++) if (check(['auth', 'token', 'solaris', '--emulator']).trim() !== token) throw new Error('auth token: the cached token changed');
await new Promise((resolve) => setTimeout(resolve, 200));
const warmCacheRequests = tokenRequests - before;

// --- Start-up and request timings ---------------------------------------------------------------------------------
const cli = (...args) => [node, BIN, ...args];
const commands = [
  { id: 'node -e 0', argv: [node, '-e', '0'] },
  { id: 'node empty.mjs', argv: [node, emptyModule] },
  { id: 'undici: GET (bare script)', argv: [node, join(root, 'bench/baselines/undici-request.mjs'), 'get'] },
  { id: 'undici: token (bare script)', argv: [node, join(root, 'bench/baselines/undici-request.mjs'), 'token'] },
  { id: 'fintech-cli --version', argv: cli('--version') },
  { id: 'fintech-cli --help', argv: cli('--help') },
  { id: 'fintech-cli soldo fingerprint', argv: cli('soldo', 'fingerprint', ...SOLDO_EXAMPLE) },
  { id: 'fintech-cli webhooks sign (1 MB)', argv: cli('webhooks', 'sign', '--secret', SECRET, '--file', body1mb) },
  { id: 'fintech-cli auth token (warm cache)', argv: cli('auth', 'token', 'solaris', '--emulator') },
  { id: `fintech-cli request`, argv: cli('request', 'solaris', 'GET', API_PATH, '--emulator') },
];
for (const c of commands) run(c.argv); // each works before it is timed
const timer = hyperfineVersion() ?? `Node harness (spawnSync, ${process.version})`;
// NODE_EXTRA_CA_CERTS makes every Node process parse those certificates when it starts (some 25 ms on this kind of
// machine), the baseline included, which hides what fintech-cli itself costs. Users rarely set it: the figures
// that the targets are judged on are taken without it, and, when it is set here, again with it.
const variants = [{ name: 'clean', env: withoutVariable(env, 'NODE_EXTRA_CA_CERTS') }];
if (env.NODE_EXTRA_CA_CERTS) variants.push({ name: 'configured', env });
const rows = [
  ['node empty.mjs', 'node -e 0', undefined],
  ['fintech-cli --version', 'node -e 0', 1.3],
  ['fintech-cli --help', 'node -e 0', 1.5],
  ['fintech-cli soldo fingerprint', 'node -e 0', 1.3],
  ['fintech-cli webhooks sign (1 MB)', 'node -e 0', undefined],
  ['fintech-cli auth token (warm cache)', 'node -e 0', 1.3],
  ['fintech-cli auth token (warm cache)', 'undici: token (bare script)', undefined],
  ['fintech-cli request', 'undici: GET (bare script)', 1.5],
];
for (const variant of variants) {
  say(`timing ${commands.length} commands (${variant.name} environment), ${ROUNDS} interleaved rounds, with ${timer} …`);
  const times = timeCommands(commands, { rounds: ROUNDS, perRound: hyperfineVersion() ? 2 : 1, env: variant.env, cwd: work });
  variant.rows = rows.map(([id, baseline, target]) => {
    const t = times.get(id);
    const b = times.get(baseline);
    return { id, baseline, t, b, ratio: t.median / b.median, target };
  });
}
results.startup = variants;

// --- webhooks listen throughput -------------------------------------------------------------------------------------
say(`loading webhooks listen and the minimal server, ${LOAD_ROUNDS} × ${LOAD_SECONDS} s each …`);
const servers = {
  'fintech-cli webhooks listen': [node, BIN, 'webhooks', 'listen', '--port', '0', '--secret', SECRET],
  'minimal node:http + crypto server': [node, join(root, 'bench/baselines/minimal-listener.mjs')],
};
const rates = Object.fromEntries(Object.keys(servers).map((name) => [name, []]));
for (let round = 0; round < LOAD_ROUNDS; round++) {
  for (const [name, argv] of Object.entries(servers)) {
    const server = await startServer(argv[0], argv.slice(1), 'stderr', (line) => line.match(/Listening on (http:\/\/\S+)/)?.[1], {
      ...process.env,
      NO_COLOR: '1',
      BENCH_SECRET: SECRET,
      FINTECH_CLI_CONFIG_DIR: join(work, 'config'),
    });
    await load(server.url, { secret: SECRET, seconds: 0.5 }); // warm-up
    const result = await load(server.url, { secret: SECRET, seconds: LOAD_SECONDS });
    if (result.other > 0) throw new Error(`${name}: ${result.other} notifications were not accepted`);
    rates[name].push(result.perSecond);
    await server.stop();
  }
}
const listen = summary(rates['fintech-cli webhooks listen']);
const minimal = summary(rates['minimal node:http + crypto server']);
results.throughput.push({ listen, minimal, ratio: listen.median / minimal.median, target: 0.8 });

// --- Sizes ----------------------------------------------------------------------------------------------------------
say('packing and installing the tarball (production dependencies only) …');
const packDir = join(work, 'pack');
mkdirSync(packDir);
const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
results.sizes.push({ what: 'packed tarball (npm pack)', bytes: packed.size, target: 1_000_000, note: `${packed.entryCount} files, ${mb(packed.unpackedSize)} unpacked` });
const app = join(work, 'app');
mkdirSync(app);
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'fintech-cli-bench-install', private: true }));
const install = spawnSync('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(packDir, packed.filename)], { cwd: app, stdio: 'ignore', timeout: 180_000 });
if (install.status === 0) {
  const modules = join(app, 'node_modules');
  const packages = readdirSync(modules).filter((name) => !name.startsWith('.')).flatMap((name) => (name.startsWith('@') ? readdirSync(join(modules, name)).map((sub) => `${name}/${sub}`) : [name]));
  results.sizes.push({ what: 'production install (node_modules)', bytes: du(modules), target: 15_000_000, note: `${packages.length} packages: ${packages.join(', ')}` });
} else {
  results.sizes.push({ what: 'production install (node_modules)', bytes: undefined, target: 15_000_000, note: 'npm install of the tarball failed here (no registry or cache?)' });
}

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

function check(args) {
  return run([node, BIN, ...args]);
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
  const lines = [
    '# Performance',
    '',
    `Written by \`npm run bench\` (bench/run.mjs) on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; run it again to refresh.`,
    'Every figure is measured against its baseline **in the same run**, and the targets are ratios of medians',
    '(issue 9), so they carry across machines better than milliseconds do. Nothing here is asserted by a test.',
    '',
    '## Machine',
    '',
    `- ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${type()} ${release()}`,
    `- Node ${process.version}; timer: ${timer}`,
    `- load average at start ${load0.map((x) => x.toFixed(2)).join(' ')}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    `- ${flags.quick ? 'quick run (--quick): few runs, short loads; figures are rough' : `${ROUNDS} interleaved rounds`}${flags.bin ? `; binary measured: ${flags.bin}` : ''}`,
    '',
    '## Start-up and requests',
    '',
    'Median wall time of whole processes (p25–p75 in brackets), each command and its baseline timed in interleaved',
    'rounds. `auth token` and `request` run against the emulator (`fintech-cli emulator`, started once by the bench),',
    `with the token cache already warm: ${warmCacheRequests === 0 ? 'five warm-cache `auth token` runs made **no token request** (the emulator logs every request)' : `**${warmCacheRequests} token requests** were seen in five warm-cache runs`}.`,
    '',
    ...startupTable(results.startup[0]),
    '',
    ...(results.startup[1]
      ? [
          'The same commands with `NODE_EXTRA_CA_CERTS` as this machine sets it: every Node process, `node -e 0` included,',
          'then parses those certificates as it starts, which adds the same milliseconds to both sides of each ratio.',
          '',
          ...startupTable(results.startup[1]),
          '',
        ]
      : []),
    'Commands, as run (`$BIN` is bin/fintech-cli.js, `$WORK` the temporary folder of the run, with a fresh config folder in it):',
    '',
    '```sh',
    ...commands.map((c) => c.argv.map((w) => (w === node ? 'node' : w === BIN ? '$BIN' : w.startsWith(work) ? `$WORK${w.slice(work.length)}` : w.startsWith(root) ? w.slice(root.length) : /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w}'`)).join(' ')),
    '```',
    '',
    '## `webhooks listen` throughput',
    '',
    `Verified notifications per second on loopback: our load generator (bench/lib/load.mjs, 8 keep-alive connections)`,
    `sends signed 300-byte Solaris notifications for ${LOAD_SECONDS} s per round, ${LOAD_ROUNDS} rounds alternating between the two receivers; only`,
    'answers 200 (signature checked and valid) count. `webhooks listen` also renders each notification to stdout (sent',
    'to /dev/null here); the baseline (bench/baselines/minimal-listener.mjs) only verifies and answers.',
    '',
    '| receiver | notifications/s (median) | runs |',
    '|---|---|---|',
    ...results.throughput.flatMap((r) => [
      `| \`webhooks listen --secret …\` | ${r.listen.median.toFixed(0)} | ${rates['fintech-cli webhooks listen'].map((x) => x.toFixed(0)).join(', ')} |`,
      `| minimal node:http + crypto server | ${r.minimal.median.toFixed(0)} | ${rates['minimal node:http + crypto server'].map((x) => x.toFixed(0)).join(', ')} |`,
      '',
      `Ratio ${r.ratio.toFixed(2)}× (target ≥ ${r.target}×): ${verdict(r.ratio >= r.target)}.`,
    ]),
    '',
    '## Package size',
    '',
    '| what | size | target | | |',
    '|---|---|---|---|---|',
    ...results.sizes.map((s) => `| ${s.what} | ${s.bytes === undefined ? 'n/a' : mb(s.bytes)} | ≤ ${mb(s.target)} | ${s.bytes === undefined ? '' : verdict(s.bytes <= s.target)} | ${s.note} |`),
    '',
    '## Reading the figures',
    '',
    notes(),
    '',
  ];
  return lines.join('\n');
}

function startupTable(variant) {
  return [
    `${variant.name === 'clean' ? 'Without `NODE_EXTRA_CA_CERTS`, as on a usual machine (the targets are judged here)' : 'As configured here'}:`,
    '',
    '| command | median ms (p25–p75) | baseline | baseline ms | ratio | target | |',
    '|---|---|---|---|---|---|---|',
    ...variant.rows.map(
      (r) =>
        `| \`${r.id.replace('fintech-cli ', '')}\` | ${ms(r.t.median)} (${ms(r.t.p25)}–${ms(r.t.p75)}) | ${r.baseline} | ${ms(r.b.median)} | ${r.ratio.toFixed(2)}× | ${r.target ? `≤ ${r.target}×` : '—'} | ${r.target ? verdict(r.ratio <= r.target) : ''} |`,
    ),
  ];
}

/** What holds back the figures, written from what this run measured. */
function notes() {
  const clean = results.startup[0].rows;
  const row = (id, baseline = 'node -e 0') => clean.find((x) => x.id === id && x.baseline === baseline);
  const base = row('fintech-cli --version').b.median;
  const esm = row('node empty.mjs');
  const chunks = join(BIN, '../../dist/chunks');
  const common = readdirSync(chunks).filter((f) => f.startsWith('chunk-')).map((f) => statSync(join(chunks, f)).size).sort((a, b) => b - a)[0] ?? 0;
  const over = (id) => `${ms(row(id).t.median - base)} ms`;
  const throughput = results.throughput[0];
  const configured = results.startup[1]?.rows.find((x) => x.id === 'fintech-cli --version');
  return [
    `- **Where a start goes.** \`node -e 0\` takes ${ms(base)} ms here; an empty ES module ${esm.ratio.toFixed(2)}× that, for Node's ESM`,
    `  loader. \`--version\` reads bin/fintech-cli.js, dist/main.js and esbuild's 2 kB runtime chunk (${over('fintech-cli --version')} over`,
    `  \`node -e 0\`). Every other command also reads the common chunk (${mb(common)}: commander ~125 kB, the config, Io,`,
    '  errors and providers code that two or more commands share) and its own chunk: `--help`',
    `  ${over('fintech-cli --help')}, \`soldo fingerprint\` ${over('fintech-cli soldo fingerprint')}, warm-cache \`auth token\` ${over('fintech-cli auth token (warm cache)')} over \`node -e 0\`.`,
    '- **What holds the start-up targets back** (for the commands above 1.3×/1.5×): on Node 20 V8 compiles that',
    '  source on every start, the module at load and each function when first called (commander\'s parser, our',
    '  config and credential code): about half of the extra time by a callgrind count. Node loads its ESM loader and',
    '  `node:crypto`/`node:fs/promises`, and commander builds and parses the program. What remains is not spread',
    '  over files any more (4–5 files per command, from 27 before the common chunk) nor over unused built-ins (no',
    '  `node:http`, `node:child_process` or stdin stream unless the command needs them). On Node 22 and later,',
    "  bin/fintech-cli.js turns on Node's module compile cache, which takes the compile off every start after the first.",
    `- **\`request\`** pays the same start-up, then loads undici (bundled, one 1.1 MB chunk) where the bare script loads`,
    '  it from node_modules; both then make one request to the emulator.',
    `- **\`webhooks listen\`** (${throughput.ratio.toFixed(2)}× the minimal server): per notification it also collects and looks up`,
    '  the Solaris headers, builds an event with timestamps and renders it to stdout, one write per notification',
    '  (render-listener.ts; several writes per notification measured 0.50× on 2026-11-25). What remains is that work',
    '  itself: the event, the rendered text and its write to stdout, which the minimal server does not do.',
    configured
      ? `- **NODE_EXTRA_CA_CERTS** (set on this machine) makes every Node start parse those certificates: \`node -e 0\` takes ${ms(configured.b.median)} ms with it against ${ms(base)} ms without, and every ratio shrinks accordingly; the second table shows them.`
      : '- NODE_EXTRA_CA_CERTS was not set: one table only.',
    '- **Milliseconds move with the machine** (other processes, CPU frequency): compare ratios from one run, not',
    '  milliseconds across runs. The p25–p75 spread shows how noisy this run was.',
  ].join('\n');
}
