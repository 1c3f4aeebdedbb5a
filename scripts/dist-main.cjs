// The source of dist/main.cjs (scripts/build.mjs fills in the FINTECH_CLI_* constants): it loads the chunks a command
// line needs and keeps V8's compiled code of them in a cache (docs/architecture.md, "Start-up").
//
// Each chunk in dist/chunks/ is one function of (exports, require, module), compiled with vm.Script. That is what
// lets the cache hold what a run really compiled: V8 compiles a function when it is first called, and Node's own
// compile cache (module.enableCompileCache) keeps only what was compiled before the module ran, so every start
// compiled commander's parser, the run context and the command again. Here the cache of a chunk is written when the
// process exits, after the run, and again when a command line that had not contributed to it runs: each chunk's cache
// grows to the union of what its command lines call. Node 20, which has no compile cache, gets one too.
//
// The cache is a folder of files named by the content hash of their chunk (V8 itself checks only the source's
// length, its own version and its flags), in Node's compile-cache folder (NODE_COMPILE_CACHE, or node-compile-cache
// in the temp folder), one folder per build and Node version, so that its runs.json, read at every start, lists only
// this build's chunks; used only when that folder and ours belong to this user and no one else may write to them.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off. A failure of the cache only costs speed: the chunk is compiled from
// source and the run goes on.
//
// Everything here is CommonJS and Node's modules come from process.getBuiltinModule: an ES module entry costs Node 20
// some 14 million instructions more, and the ES module facade of node:fs reads every export, fs.promises included,
// which loads the promise API, readline and the REPL's history (15 internal modules).
/* global FINTECH_CLI_BUILD, FINTECH_CLI_CHUNKS, FINTECH_CLI_ENTRY, FINTECH_CLI_HTTP_CHUNK, __dirname, module */
'use strict';

const { lstatSync, mkdirSync, readFileSync, renameSync, writeFileSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');
const { Script } = process.getBuiltinModule('node:vm');

/** Chunk file name → content hash; the chunk of src/main.ts; the chunk that brings undici: all filled in by the build. */
const chunks = FINTECH_CLI_CHUNKS;
const chunksDir = join(__dirname, 'chunks');
const node20 = process.versions.node.startsWith('20.');

const cache = openCache();
/** Chunk name → its module. */
const modules = new Map();
/** What this run compiled, in load order, and how many of them the cache already has from this run. */
const scripts = [];
let saved = 0;
if (cache) process.once('exit', () => cache.save(scripts.slice(saved)));

/** Runs one command line (src/main.ts) and resolves to its exit code. */
function main(argv) {
  return load(FINTECH_CLI_ENTRY).main(argv);
}

function load(name) {
  const known = modules.get(name);
  if (known) return known.exports;
  const hash = chunks[name];
  if (hash === undefined) throw new Error(`fintech-cli: dist/chunks/${name} is not part of this build`);
  if (name === FINTECH_CLI_HTTP_CHUNK && node20) liftoffOnly();
  const module = { exports: {} };
  modules.set(name, module);
  const filename = join(chunksDir, name);
  const cachedData = cache?.read(hash);
  const script = new Script(readFileSync(filename, 'utf8'), { filename, cachedData });
  scripts.push({ name, hash, script, cached: cachedData !== undefined && !script.cachedDataRejected });
  script.runInThisContext()(module.exports, requireFromChunk, module);
  return module.exports;
}

/**
 * On Node 20, V8 optimises undici's WebAssembly HTTP parser in background threads that the process waits for at exit
 * (~200 ms after a command's one request); Liftoff's baseline code parses a few answers as well. V8 rejects a code
 * cache made under other flags, and Node's own modules then compile from source too (24 million instructions more for
 * `soldo fingerprint`), so the flag is set only when the HTTP client loads, after the chunks loaded so far have
 * their cache written; the client's chunk and any after it are cached under the new flag.
 */
function liftoffOnly() {
  cache?.save(scripts);
  saved = scripts.length;
  process.getBuiltinModule('node:v8').setFlagsFromString('--liftoff-only');
}

/** A chunk's `require`: another chunk (`./name.js`), or one of Node's modules (nothing else is left unbundled). */
function requireFromChunk(id) {
  if (id.startsWith('./')) return load(id.slice(2));
  const name = id.startsWith('node:') ? id : `node:${id}`;
  if (lazyModules.has(name)) return lazyModule(name);
  const builtin = process.getBuiltinModule(name);
  if (builtin === undefined) throw new Error(`fintech-cli: dist/ requires ${id}, which is not one of Node's modules`);
  return builtin;
}

/**
 * Node's modules that a chunk requires when it loads but most runs never call, loaded on first use instead: node:crypto
 * (with OpenSSL's start) for a command that never hashes or signs, the promise APIs of fs (which bring readline, the
 * REPL's history and fs watchers: 11 internal modules) and of timers for a run that reads its files synchronously and
 * never waits.
 */
const lazyModules = new Set(['node:crypto', 'node:fs/promises', 'node:timers/promises']);
const standIns = new Map();

function lazyModule(name) {
  let stand = standIns.get(name);
  if (stand === undefined) {
    const real = () => process.getBuiltinModule(name);
    stand = new Proxy(
      {},
      {
        get: (_, key) => real()[key],
        has: (_, key) => key in real(),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_, key) => {
          const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
          return descriptor && { ...descriptor, configurable: true };
        },
      },
    );
    standIns.set(name, stand);
  }
  return stand;
}

function openCache() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  try {
    const parent = process.env.NODE_COMPILE_CACHE || join(process.getBuiltinModule('node:os').tmpdir(), 'node-compile-cache');
    const dir = join(parent, `fintech-cli-${process.version}-${process.arch}-${FINTECH_CLI_BUILD}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ours(parent) || !ours(dir)) return undefined;
    const runsFile = join(dir, 'runs.json');
    let runs = {};
    try {
      runs = JSON.parse(readFileSync(runsFile, 'utf8'));
    } catch {
      // none yet, or half-written by a process that died: the caches are written again
    }
    const write = (file, data) => {
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, data, { mode: 0o600 });
      renameSync(temp, file);
    };
    return {
      read(hash) {
        try {
          return readFileSync(join(dir, hash));
        } catch {
          return undefined;
        }
      },
      /** Writes the cache of each chunk given that had none, or that this command line had not run with yet. */
      save(loaded) {
        try {
          const run = scripts.map((s) => s.name).join(' ');
          let changed = false;
          for (const { hash, script, cached } of loaded) {
            const seen = cached ? (runs[hash] ?? []) : [];
            if (seen.includes(run)) continue;
            write(join(dir, hash), script.createCachedData());
            runs[hash] = [...seen, run];
            changed = true;
          }
          if (changed) write(runsFile, JSON.stringify(runs));
        } catch {
          // a full disk, or the folder removed meanwhile: the next run compiles from source
        }
      },
    };
  } catch {
    return undefined;
  }
}

/** A folder this user owns that no one else may write to (always true where there are no user ids: Windows). */
function ours(dir) {
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) return false;
  if (process.getuid === undefined) return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

module.exports = { main };
