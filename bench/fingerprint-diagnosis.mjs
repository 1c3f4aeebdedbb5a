// `node bench/fingerprint-diagnosis.mjs`: how long `soldo fingerprint --expect` takes to search for the mistakes
// behind a fingerprint that nothing explains (the whole search: every single mistake and every pair), for every
// Soldo operation, with a request that fills every field of the order plus 20 fields the order does not name. It
// prints the worst operation against its baseline in the same run, one plain fingerprint computation, as a ratio.
// Bundles src/ with esbuild into a temporary directory, so it needs only the dev install, not a build.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL, fileURLToPath, URLSearchParams } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = process.argv.includes('--quick') ? 5 : 25;
const EXTRA_FIELDS = 20;

const dir = mkdtempSync(join(tmpdir(), 'fp-bench-'));
try {
  const outfile = join(dir, 'diagnosis.mjs');
  await build({
    stdin: {
      contents: [
        "export { explainMismatch } from './src/core/soldo/explain.ts';",
        "export { computeFingerprint } from './src/core/soldo/fingerprint.ts';",
        "export { soldoOrders, orderVariants, orderSourceNames } from './src/providers/soldo/orders.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'error',
  });
  const { explainMismatch, computeFingerprint, soldoOrders, orderVariants, orderSourceNames } = await import(pathToFileURL(outfile).href);

  const results = soldoOrders.map((order) => {
    // Where Soldo's sources disagree, the diagnosis also tries the other source's order, as the CLI does.
    const otherOrders = orderVariants(order).slice(1).map((v) => ({ source: orderSourceNames[v.source], order: v.order }));
    const input = requestFilling(order, otherOrders);
    const nothing = 'f'.repeat(128); // no mistake reproduces it: the search runs to the end
    const explanation = explainMismatch(input, nothing);
    return {
      operation: order.operationId,
      fields: order.order.length,
      candidates: explanation.tried + explanation.triedPairs,
      diagnosisMs: median(ROUNDS, () => explainMismatch(input, nothing)),
      baselineMs: median(ROUNDS * 20, () => computeFingerprint(input)),
    };
  });
  const worst = results.reduce((a, b) => (b.diagnosisMs > a.diagnosisMs ? b : a));
  const line = (label, value) => console.log(`${label.padEnd(34)}${value}`);
  line('operations measured', `${results.length} (median of ${ROUNDS} runs each)`);
  line('worst operation', `${worst.operation} (${worst.fields} fields, ${worst.candidates} distinct candidates hashed)`);
  line('diagnosis, worst operation', `${worst.diagnosisMs.toFixed(1)} ms`);
  line('baseline: one fingerprint', `${(worst.baselineMs * 1000).toFixed(1)} µs`);
  line('ratio diagnosis / fingerprint', `${Math.round(worst.diagnosisMs / worst.baselineMs)}x`);
  const longest = results.reduce((a, b) => (b.fields > a.fields ? b : a));
  line(`longest order (${longest.fields} fields)`, `${longest.operation}: ${longest.diagnosisMs.toFixed(1)} ms`);
  line('budget', `300 ms: ${worst.diagnosisMs < 300 ? 'within' : 'OVER'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Every field of the order filled (path parameters in the path, the rest in the query or a JSON body), plus extras. */
function requestFilling(order, otherOrders) {
  const names = [...new Set(order.order.flatMap((field) => field.replace(/join\(|concat\(|\)/g, '').split(/\s*,\s*/)).map((n) => n.split('.')[0]))];
  const pathNames = [...order.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathParams = Object.fromEntries(pathNames.map((name) => [name, `${name}-1`]));
  const fields = names.filter((name) => name !== 'token' && !pathNames.includes(name));
  const value = (name, i) => (i % 3 === 0 ? 25.0 : i % 3 === 1 ? `Café Central ${name}` : true);
  const extras = Array.from({ length: EXTRA_FIELDS }, (_, i) => [`extra${i}`, `x ${i}`]);
  const entries = [...fields.map((name, i) => [name, value(name, i)]), ...extras];
  const common = {
    order,
    otherOrders,
    pathParams,
    token: 'FINGERPRINT-TOKEN',
    accessTokens: ['ACCESS-1', 'ACCESS-2'],
    clientId: 'CLIENT-ID',
    clientSecret: 'CLIENT-SECRET',
    options: { now: () => 1_700_000_000_000 },
  };
  if (order.method === 'GET' || order.method === 'DELETE') {
    return { ...common, query: new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString() };
  }
  // JSON text written by hand, so that 25.00 keeps its two decimals as a client would send it.
  const body = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'number' ? '25.00' : JSON.stringify(v)}`).join(',')}}`;
  return { ...common, body, contentType: 'application/json' };
}

function median(rounds, work) {
  work(); // warm up
  const times = Array.from({ length: rounds }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
