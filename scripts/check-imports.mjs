#!/usr/bin/env node
/**
 * The import-graph check of `npm run lint`: every import of src/ against the layer rules of docs/architecture.md,
 * and no circles. Reads the sources with TypeScript's parser, so dynamic `import()` counts as an import, and a
 * type-only import counts for the layers (it is still a dependency) but not for circles (it is gone at run time).
 *
 *   node scripts/check-imports.mjs [--root DIR] [--graph]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** Top-level files that are not the composition root (`app`): the error classes and the providers' contract. */
const topFiles = {
  'errors.ts': 'errors',
  'environments.ts': 'contract',
};

/**
 * Which layers each layer may import (itself always), as docs/architecture.md draws them. `errors` (src/errors.ts,
 * which imports nothing) is the one error hierarchy every layer throws; `contract` (src/environments.ts) names the
 * environments and each provider's base URLs and setting keys; `app` is the composition root: main, program, the
 * Context and the run context, global options, error reporting; `library` is the public API of the package
 * (src/library/), over the same engine as the commands.
 */
export const rules = {
  errors: [],
  core: ['errors'],
  contract: ['errors', 'core'],
  io: ['errors', 'core', 'contract'],
  output: ['errors', 'core', 'contract', 'io'],
  config: ['errors', 'core', 'contract'],
  http: ['errors', 'core', 'contract', 'io'],
  providers: ['errors', 'core', 'contract', 'config', 'http', 'io'],
  emulator: ['errors', 'core', 'contract', 'providers', 'http'],
  demo: ['errors', 'core', 'contract', 'config', 'io', 'providers', 'emulator', 'app'],
  commands: ['errors', 'core', 'contract', 'io', 'output', 'config', 'http', 'providers', 'app'],
  app: ['errors', 'core', 'contract', 'io', 'output', 'config', 'http', 'providers', 'commands'],
  // The public API of `import … from 'fintech-cli'` (docs/library.md), a layer on top beside the app.
  library: ['errors', 'core', 'contract', 'providers'],
};

/**
 * The two commands whose job is to start the emulator or run the demo may import those (lazily, when they run), and
 * so may the library's `startEmulator` (library/emulator.ts, which library/start-emulator.ts imports on its first call).
 */
export const exceptions = {
  'commands/emulator.ts': ['emulator'],
  'commands/demo.ts': ['demo'],
  'library/emulator.ts': ['emulator'],
};

export function layerOf(file) {
  const [first, ...rest] = file.split('/');
  if (rest.length === 0) return topFiles[first] ?? 'app';
  return first;
}

function sourceFiles(dir, root) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path, root);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts') ? [relative(root, path).split(sep).join('/')] : [];
  });
}

/** The relative specifiers a file imports: static imports, re-exports, dynamic `import()` and `import('…')` types. */
function importsOf(text, name) {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteralLike(arg)) found.push(arg.text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((specifier) => specifier.startsWith('.'));
}

/** Checks the tree below `root` (a folder holding src/); returns the problems found, one line each. */
export function checkImports(root) {
  const src = join(root, 'src');
  const files = sourceFiles(src, src);
  const known = new Set(files);
  const edges = new Map(files.map((f) => [f, []]));
  const problems = [];
  for (const file of files) {
    for (const specifier of importsOf(readFileSync(join(src, file), 'utf8'), file)) {
      const target = relative(src, resolve(src, dirname(file), specifier)).split(sep).join('/').replace(/\.js$/, '.ts');
      if (!known.has(target)) continue; // JSON data, or a test helper
      const from = layerOf(file);
      const to = layerOf(target);
      if (from !== to && !rules[from]?.includes(to) && !exceptions[file]?.includes(to)) {
        problems.push(`src/${file} imports src/${target}: ${from} may not import ${to} (allowed: ${(rules[from] ?? []).join(', ') || 'nothing of ours'}).`);
      }
      edges.get(file).push(target);
    }
  }
  for (const cycle of circles(edges)) problems.push(`import circle: ${[...cycle, cycle[0]].map((f) => `src/${f}`).join(' → ')}`);
  return { problems, files: files.length, edges };
}

/** Every group of files that import each other in a circle (Tarjan's strongly connected components), as one path round it. */
function circles(edges) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const connect = (file) => {
    index.set(file, next);
    low.set(file, next++);
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file)) {
      if (!index.has(target)) {
        connect(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file), index.get(target)));
    }
    if (low.get(file) !== index.get(file)) return;
    const group = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || edges.get(file).includes(file)) found.push(pathRound(group, edges));
  };
  for (const file of edges.keys()) if (!index.has(file)) connect(file);
  return found;
}

/** One circle through the files of a group, by a breadth-first walk back to where it started. */
function pathRound(group, edges) {
  const members = new Set(group);
  const start = [...group].sort()[0];
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    for (const target of edges.get(file)) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [file];
        for (let at = cameFrom.get(file); at !== null; at = cameFrom.get(at)) path.unshift(at);
        return path;
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  return group;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf('--root');
  const root = rootAt >= 0 ? resolve(args[rootAt + 1] ?? '.') : resolve(dirname(new URL(import.meta.url).pathname), '..');
  const { problems, files, edges } = checkImports(root);
  if (args.includes('--graph')) for (const [file, targets] of edges) for (const t of targets) console.log(`${file} -> ${t}`);
  for (const line of problems) console.error(line);
  if (problems.length > 0) {
    console.error(`check-imports: ${problems.length} problem(s) in ${files} files (rules: docs/architecture.md).`);
    process.exitCode = 1;
  } else console.log(`check-imports: ${files} files, no import against the layer rules, no circles.`);
}
