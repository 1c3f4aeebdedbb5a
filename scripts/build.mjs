// Bundles src/main.ts into dist/ so that a command line reads and compiles only what it needs (docs/architecture.md,
// "Start-up").
//
// Every `import()` in our code (program.ts, each command module of the registry, the run context, the HTTP client,
// the prompter, the emulator…) is a lazy entry. esbuild's code splitting alone gives one chunk per set of entries
// sharing a module: twenty-odd files read one after another for a single command. So the build maps the module graph
// first and gathers the shared modules into two chunks:
//   - the base chunk: what program.ts imports statically (commander, the registry, the global options, errors),
//     all that `--help` and a usage error need;
//   - the common chunk: every other module that two or more entries share (config, providers, Soldo's core,
//     node:crypto's users), which only a command that runs reads.
// A command then reads the entry chunk (src/main.ts), esbuild's runtime chunk, the program entry, the base chunk,
// the common chunk and its own chunk; `--help` the first four; `--version` only the first two. It also stores the
// help index (each command's usage and summary) in dist/, so that `--help` lists the commands without importing them.
//
// esbuild writes ES modules; each chunk is then turned into a CommonJS body wrapped in a function, which dist/main.cjs
// (scripts/dist-main.cjs) compiles with vm.Script and V8's code cache. Nothing changes in the source: vitest runs the
// same modules unbundled.
import { build, transform } from 'esbuild';
import ts from 'typescript';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The program entry: every command line but `--version` imports it. */
const PROGRAM = 'src/program.ts';
const options = {
  absWorkingDir: root,
  entryPoints: ['src/main.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  entryNames: 'chunks/[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
};
const index = await helpIndex();
const { metafile } = await build({ ...options, outdir: 'dist.map', write: false, metafile: true, logLevel: 'error', plugins: [lazyChildProcess(), globalProcess()] });
const shared = sharedModules(metafile);

// Build beside dist/ and swap it in, so a binary running meanwhile (a parallel test run) never sees it half-written.
const staging = `dist.staging-${process.pid}`;
const { outputFiles, metafile: built } = await build({
  ...options,
  outdir: staging,
  write: false,
  metafile: true,
  define: { FINTECH_CLI_HELP_INDEX: JSON.stringify(index) },
  plugins: [sharedChunks(shared), undiciClient(), lazyChildProcess(), globalProcess()],
});
await mkdir(`${root}${staging}/chunks`, { recursive: true });
const chunks = {};
for (const file of outputFiles) {
  const name = basename(file.path);
  const body = await loadableChunk(name, file.text);
  chunks[name] = createHash('sha256').update(body).digest('hex').slice(0, 32);
  await writeFile(`${root}${staging}/chunks/${name}`, body);
}
const chunkOf = (input) => basename(Object.entries(built.outputs).find(([, output]) => input in output.inputs)[0]);
const { code: loader } = await transform(await readFile(`${root}scripts/dist-main.cjs`, 'utf8'), {
  define: {
    FINTECH_CLI_CHUNKS: JSON.stringify(chunks),
    // Names the cache folder of this build: its runs.json then lists only this build's chunks, however many builds
    // (upgrades, a global install beside npx) share the temp folder.
    FINTECH_CLI_BUILD: JSON.stringify(createHash('sha256').update(JSON.stringify(chunks)).digest('hex').slice(0, 16)),
    FINTECH_CLI_ENTRY: JSON.stringify(chunkOf('src/main.ts')),
    FINTECH_CLI_HTTP_CHUNK: JSON.stringify(chunkOf('src/http/client.ts')),
  },
  loader: 'js',
  format: 'cjs',
  target: 'node20.19',
  legalComments: 'none',
});
await writeFile(`${root}${staging}/main.cjs`, loader);
await writeFile(`${root}${staging}/THIRD-PARTY-NOTICES.txt`, await thirdPartyNotices(metafile));
await buildLibrary(`${root}${staging}/lib`);
const retired = `dist.retired-${process.pid}`;
await rename(`${root}dist`, `${root}${retired}`).catch(() => {});
await rename(`${root}${staging}`, `${root}dist`);
await rm(`${root}${retired}`, { recursive: true, force: true });

/**
 * One chunk as dist/main.cjs loads it: a function of (exports, require, module) around its code turned into CommonJS
 * (imports of other chunks and `import()` become `require`, which dist/main.cjs answers). Strict, as the module was.
 * Anything that CommonJS cannot carry (top-level await, import.meta) fails the build rather than the program.
 */
async function loadableChunk(name, code) {
  const { code: body, warnings } = await transform(code, {
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    loader: 'js',
    supported: { 'dynamic-import': false },
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'silent',
  });
  if (warnings.length > 0) throw new Error(`build: chunks/${name} does not carry over to CommonJS: ${warnings[0].text}`);
  return `(function (exports, require, module) {'use strict';${body}\n})`;
}

/**
 * The library, `import … from 'fintech-cli'` (docs/library.md): ES modules in dist/lib, apart from the command line's
 * chunks. Two files, so that importing it reads one: index.js (src/library/index.ts: the signing code), and
 * emulator.js (src/library/emulator.ts: the emulator, node:http & co.), which loads on the first `startEmulator`;
 * both minified without renaming, as the command line's chunks are. The few modules both use are in both: one file
 * less to read matters more than a few kB (esbuild's splitting made six files of the import). node:crypto loads on the first signature (`lazyCrypto`). The
 * declarations, in dist/lib/types, are those of src/library alone, whose types import nothing of the CLI, so the
 * shipped .d.ts files reference no file outside the package.
 */
async function buildLibrary(outdir) {
  const common = {
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    outdir,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  };
  const builds = await Promise.all([
    build({ ...common, entryPoints: { index: 'src/library/index.ts' }, minifyWhitespace: true, minifySyntax: true, plugins: [lazyEmulator(), lazyCrypto(), pureModules(), jsonParse()] }),
    build({ ...common, entryPoints: { emulator: 'src/library/emulator.ts' }, minifyWhitespace: true, minifySyntax: true, plugins: [lazyCrypto(), pureModules()] }),
  ]);
  const bundled = builds.flatMap(({ metafile }) => Object.keys(metafile.inputs)).filter((path) => path.includes('node_modules/'));
  if (bundled.length > 0) throw new Error(`build: the library bundles ${bundled[0]}; its licence would have to ship with it`);
  await mkdir(`${outdir}/types`, { recursive: true });
  const sources = (await readdir(`${root}src/library`)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  for (const name of sources) {
    const text = await readFile(`${root}src/library/${name}`, 'utf8');
    const { outputText, diagnostics } = ts.transpileDeclaration(text, { fileName: name, compilerOptions: { isolatedDeclarations: true, module: ts.ModuleKind.NodeNext } });
    if (diagnostics?.length) throw new Error(`build: src/library/${name}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`);
    const outside = [...outputText.matchAll(/^(?:import|export)\b[^;]*?from '([^']+)'/gm)].map((m) => m[1]).find((specifier) => !/^\.\/[\w-]+\.js$/.test(specifier));
    if (outside !== undefined) throw new Error(`build: the declarations of src/library/${name} import ${outside}, which the package does not ship`);
    await writeFile(`${outdir}/types/${name.replace(/\.ts$/, '.d.ts')}`, outputText);
  }
}

/** A JSON module as `JSON.parse` of its text, which V8 reads faster than the same data as a JavaScript literal. */
function jsonParse() {
  return {
    name: 'json-parse',
    setup(b) {
      b.onLoad({ filter: /\.json$/ }, async (args) => ({ contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(await readFile(args.path, 'utf8'))))});`, loader: 'js' }));
    },
  };
}

/** index.js leaves src/library/emulator.ts to dist/lib/emulator.js, which start-emulator.ts imports on its first call. */
function lazyEmulator() {
  return {
    name: 'lazy-emulator',
    setup(b) {
      b.onResolve({ filter: /^\.\/emulator\.js$/ }, (args) => (args.importer === `${root}src/library/start-emulator.ts` ? { path: './emulator.js', external: true } : undefined));
    },
  };
}

/**
 * Our modules have no side effects when imported, so the library drops the modules it imports but does not use
 * (for the fingerprint, the command line's credential reader and its node:fs/promises). Not for the CLI's bundle,
 * whose shared chunks are made of bare imports (sharedChunks).
 */
function pureModules() {
  return {
    name: 'pure-modules',
    setup(b) {
      b.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'pure-modules' || !args.importer.startsWith(`${root}src/`)) return undefined;
        const resolved = await b.resolve(args.path, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind, with: args.with, pluginData: 'pure-modules' });
        return resolved.errors.length > 0 || resolved.path.endsWith('.json') ? resolved : { ...resolved, sideEffects: false };
      });
    },
  };
}

/**
 * node:crypto for the library: loading it starts OpenSSL (20 million instructions on Node 24), more than the rest of
 * an import of the library. Our modules' named imports of it become functions that load it on their first call.
 */
function lazyCrypto() {
  return {
    name: 'lazy-crypto',
    setup(b) {
      b.onResolve({ filter: /^node:crypto$/ }, (args) => (args.importer.startsWith(`${root}src/`) ? { path: 'node:crypto', namespace: 'lazy-crypto' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'lazy-crypto' }, async () => {
        const crypto = await import('node:crypto');
        const functions = Object.keys(crypto).filter((name) => /^[a-z]/.test(name) && typeof crypto[name] === 'function');
        return {
          contents: [
            "const crypto = () => process.getBuiltinModule('node:crypto');",
            ...functions.map((name) => `export function ${name}(...args) { return crypto().${name}(...args); }`),
          ].join('\n'),
          loader: 'js',
        };
      });
    },
  };
}

/**
 * The licence of every package bundled into dist/: the package ships with no dependencies, so the texts that their
 * licences ask to keep with copies of the code go with it here. A bundled package without a licence file fails the build.
 */
async function thirdPartyNotices({ inputs }) {
  const packages = new Set();
  for (const path of Object.keys(inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
    if (match) packages.add(match[1]);
  }
  const sections = [];
  for (const dir of [...packages].sort()) {
    const { name, version, license } = JSON.parse(await readFile(`${root}${dir}/package.json`, 'utf8'));
    const file = (await readdir(`${root}${dir}`)).find((f) => /^licen[cs]e(\.(md|txt))?$/i.test(f));
    if (!file) throw new Error(`build: ${name} is bundled into dist/ but has no licence file to ship`);
    const text = (await readFile(`${root}${dir}/${file}`, 'utf8')).trim();
    sections.push(`${name} ${version} (${license})\n\n${text}`);
  }
  const rule = `\n\n${'-'.repeat(80)}\n\n`;
  return `fintech-cli bundles the following packages into dist/. Their licences follow.${rule}${sections.join(rule)}\n`;
}

/**
 * Each command's usage term and summary, as the help of its group lists them (program.ts, `helpIndexOf`), taken
 * from the command modules themselves: `--help` and `soldo --help` then list the commands without importing them.
 */
async function helpIndex() {
  const bundle = `${root}node_modules/.cache/fintech-cli/help-index-${process.pid}.mjs`;
  await mkdir(dirname(bundle), { recursive: true });
  try {
    await build({
      absWorkingDir: root,
      stdin: {
        contents: [
          "import { commands } from './src/commands/index.ts';",
          "import { helpIndexOf } from './src/program.ts';",
          'const sink = { isTTY: false, write: () => true };',
          'const ctx = { streams: { stdin: sink, stdout: sink, stderr: sink }, env: {}, cwd: "/", now: () => 0, version: "0", signal: new AbortController().signal };',
          'export default helpIndexOf(ctx, commands);',
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      },
      outfile: bundle,
      bundle: true,
      packages: 'external',
      format: 'esm',
      platform: 'node',
      target: 'node20.19',
      logLevel: 'error',
    });
    return (await import(pathToFileURL(bundle).href)).default;
  } finally {
    await rm(bundle, { force: true });
  }
}

/**
 * The lazy entries, and the shared modules: those that two or more entries reach through static imports, one of
 * them at least a *command-line* entry: program.ts (imported by main.ts), the run context (imported by program.ts) or
 * a command module (imported by the registry). Code shared only by the emulator, the demo or the HTTP client is left to esbuild's own chunks, which
 * only they read.
 */
function sharedModules({ inputs }) {
  const entries = new Set();
  const commandLine = new Set();
  for (const [importer, input] of Object.entries(inputs)) {
    for (const i of input.imports) {
      if (i.kind !== 'dynamic-import' || i.external) continue;
      entries.add(i.path);
      if (['src/main.ts', PROGRAM, 'src/commands/registry.ts'].includes(importer)) commandLine.add(i.path);
    }
  }
  const reachedBy = new Map();
  const byCommandLine = new Set();
  for (const entry of entries) {
    for (const path of staticClosure(inputs, entry)) {
      reachedBy.set(path, (reachedBy.get(path) ?? 0) + 1);
      if (commandLine.has(entry)) byCommandLine.add(path);
    }
  }
  // A module that brings in node:http & co. (5 ms to load) stays out, with everything that imports it: the common
  // chunk is read by every command. An entry that other modules import statically too is shared like any module.
  const heavy = heavyModules(inputs);
  // Modules of a plugin's namespace (`lazy-child-process:…`) come along with the file that imports them.
  const light = (path) => !heavy.has(path) && !/^[\w-]+:/.test(path);
  const base = [...staticClosure(inputs, PROGRAM)].filter((path) => path !== PROGRAM && light(path));
  const common = [...reachedBy].filter(([path, count]) => count > 1 && byCommandLine.has(path) && light(path) && !base.includes(path)).map(([path]) => path);
  return { entries, base, common };
}

/** `from` and the modules it reaches through static imports. */
function staticClosure(inputs, from) {
  const seen = new Set();
  const stack = [from];
  while (stack.length > 0) {
    const path = stack.pop();
    if (seen.has(path)) continue;
    seen.add(path);
    for (const i of inputs[path]?.imports ?? []) if (i.kind !== 'dynamic-import' && !i.external && inputs[i.path]) stack.push(i.path);
  }
  return seen;
}

/** The modules that import a Node built-in that takes milliseconds to load, directly or through static imports. */
function heavyModules(inputs) {
  const heavyBuiltins = /^(node:)?(http|https|http2|net|tls|dgram|child_process|cluster|zlib|readline|repl|worker_threads|inspector)$/;
  const importers = new Map();
  const heavy = new Set();
  for (const [path, input] of Object.entries(inputs)) {
    for (const i of input.imports) {
      if (i.kind === 'dynamic-import') continue;
      // The lazy stand-in for node:child_process requires it on first use only.
      if (i.external && heavyBuiltins.test(i.path) && !path.startsWith('lazy-child-process:')) heavy.add(path);
      if (!importers.has(i.path)) importers.set(i.path, []);
      importers.get(i.path).push(path);
    }
  }
  const stack = [...heavy];
  while (stack.length > 0) {
    for (const importer of importers.get(stack.pop()) ?? []) {
      if (!heavy.has(importer)) {
        heavy.add(importer);
        stack.push(importer);
      }
    }
  }
  return heavy;
}

/**
 * Makes every lazy entry import `fintech-cli:base`, and every one but the program entry `fintech-cli:common`: modules
 * that import the modules of their chunk, so that esbuild puts each set in one chunk. A bare import is enough for our
 * own modules; JSON and packages that declare no side effects would be dropped from it, so those are imported by
 * namespace and handed back to the entry as an export it never uses.
 */
function sharedChunks({ entries, base, common }) {
  const absolute = (path) => `${root}${path}`;
  const entryFiles = new Set([...entries].map(absolute));
  const source = (modules) => {
    const bare = modules.filter((path) => path.startsWith('src/') && !path.endsWith('.json'));
    const kept = modules.filter((path) => !bare.includes(path));
    return [
      ...bare.map((path) => `import ${JSON.stringify(absolute(path))};`),
      // A JSON module is imported as our code imports it (with its attribute), or esbuild would bundle a second copy.
      ...kept.map((path, i) =>
        path.endsWith('.json')
          ? `import kept${i} from ${JSON.stringify(absolute(path))} with { type: 'json' };`
          : `import * as kept${i} from ${JSON.stringify(absolute(path))};`,
      ),
      `export default [${kept.map((_, i) => `kept${i}`).join(', ')}];`,
    ].join('\n');
  };
  const chunks = { base: source(base), common: source(common) };
  return {
    name: 'shared-chunks',
    setup(b) {
      b.onResolve({ filter: /^fintech-cli:(base|common)$/ }, (args) => ({ path: args.path.slice('fintech-cli:'.length), namespace: 'fintech-cli' }));
      b.onLoad({ filter: /.*/, namespace: 'fintech-cli' }, (args) => ({ contents: chunks[args.path], resolveDir: root, loader: 'js' }));
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (!entryFiles.has(args.path)) return undefined;
        const code = await readFile(args.path, 'utf8');
        const footer = [
          'import __base from "fintech-cli:base";',
          'export { __base as __fintechCliBase };',
          ...(args.path === absolute(PROGRAM) ? [] : ['import __common from "fintech-cli:common";', 'export { __common as __fintechCliCommon };']),
        ].join('\n');
        return { contents: `${code}\n${footer}\n`, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * undici's index requires every part of undici when it loads (fetch, WebSocket, EventSource, caches, mocks,
 * interceptors): some 400 million instructions, most of a `request` command's start. The HTTP client uses the proxy
 * agent and the request API, which the index puts on every dispatcher; in dist/ `undici` is that much, and its
 * type. Tests run the source against the whole of undici, the same classes.
 */
function undiciClient() {
  return {
    name: 'undici-client',
    setup(b) {
      b.onResolve({ filter: /^undici$/ }, (args) => (args.importer === `${root}src/http/client.ts` ? { path: 'undici', namespace: 'undici-client' } : undefined));
      b.onLoad({ filter: /.*/, namespace: 'undici-client' }, () => ({
        contents: [
          "const Dispatcher = require('undici/lib/dispatcher/dispatcher.js');",
          "Object.assign(Dispatcher.prototype, require('undici/lib/api/index.js'));",
          "exports.EnvHttpProxyAgent = require('undici/lib/dispatcher/env-http-proxy-agent.js');",
        ].join('\n'),
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

/**
 * commander requires node:child_process when it loads, for executable subcommands we do not have; loading it
 * brings net and dgram too. It gets a stand-in that requires the module on first use.
 */
function lazyChildProcess() {
  return {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes('/node_modules/commander/') ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
  };
}

/**
 * `import process from 'node:process'` (env-paths does it) makes Node build the module's exports from every property
 * of `process`, stdin included: a stream opened on every start. Dependencies get the global `process` instead.
 */
function globalProcess() {
  return {
    name: 'global-process',
    setup(b) {
      b.onResolve({ filter: /^(node:)?process$/ }, (args) =>
        args.importer.includes('/node_modules/') && args.kind === 'import-statement' ? { path: 'process', namespace: 'global-process' } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'global-process' }, () => ({ contents: 'export default process;', loader: 'js' }));
    },
  };
}
