/**
 * docs/errors.md lists every `error.code` the CLI can put in `--json`, and only those. The codes are read from the
 * source: each `code:` property of src/ (tests and the emulator, which answers in its providers' codes, aside), the
 * default code of each error kind, and commander's parse errors as report-error.ts names them.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError, exitCodeFor, type ErrorKind } from '../../src/errors.js';
import { commanderCode } from '../../src/report-error.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const KINDS: readonly ErrorKind[] = ['api', 'usage', 'verification', 'auth', 'network', 'interrupted', 'internal'];
/** Commander's signals of a successful exit (help, version) and of a feature the CLI does not use. */
const NOT_ERRORS = new Set(['commander.help', 'commander.helpDisplayed', 'commander.version', 'commander.executeSubCommandAsync']);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => !relative(ROOT, path).startsWith(join('src', 'emulator')));
}

/** Each code a `code:` property of the source can hold, with the files that set it. */
async function emittedCodes(): Promise<Map<string, Set<string>>> {
  const codes = new Map<string, Set<string>>();
  const add = (code: string, where: string) => codes.set(code, (codes.get(code) ?? new Set()).add(where));
  for (const file of await sourceFiles(join(ROOT, 'src'))) {
    const text = await readFile(file, 'utf8');
    // The value of a `code:` property up to the end of the member: a literal, `x ?? 'y'`, `c ? x : 'y'`.
    for (const [, value] of text.matchAll(/(?<![\w.'"-])code:\s*([^,}\n]*)/g)) {
      for (const [, code] of value!.matchAll(/(?<!\[)'([a-z][a-z0-9_]*)'/g)) add(code!, relative(ROOT, file));
    }
  }
  for (const kind of KINDS) add(new CliError(kind, '').code, 'src/errors.ts (the default of its kind)');
  const commander = await readFile(join(dirname(createRequire(import.meta.url).resolve('commander')), 'lib', 'command.js'), 'utf8');
  for (const [, name] of commander.matchAll(/'(commander\.\w+)'/g)) {
    if (!NOT_ERRORS.has(name!)) add(commanderCode(name!), `commander (${name})`);
  }
  return codes;
}

/** The rows of the catalogue's tables: `| \`code\` | exit | meaning |`. */
async function documentedCodes(): Promise<Map<string, string>> {
  const text = await readFile(join(ROOT, 'docs', 'errors.md'), 'utf8');
  return new Map([...text.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)].map(([, code, exit]) => [code!, exit!.trim()]));
}

describe('docs/errors.md', () => {
  it('lists every code the CLI emits', async () => {
    const documented = await documentedCodes();
    const missing = [...(await emittedCodes())].filter(([code]) => !documented.has(code)).map(([code, files]) => `${code} (set in ${[...files].join(', ')})`);
    expect(missing, `docs/errors.md does not list ${missing.length === 1 ? 'this code' : 'these codes'}: ${missing.join('; ')}`).toEqual([]);
  });

  it('lists no code that nothing emits', async () => {
    const emitted = await emittedCodes();
    const stale = [...(await documentedCodes()).keys()].filter((code) => !emitted.has(code));
    expect(stale, `docs/errors.md lists codes that no source emits: ${stale.join(', ')}`).toEqual([]);
  });

  it("gives each code exit codes of the CLI's table, and each kind's default code its kind's exit code", async () => {
    const documented = await documentedCodes();
    const exits = new Set(KINDS.map((kind) => String(exitCodeFor(new CliError(kind, '')))));
    for (const [code, exit] of documented) {
      expect(exit.split(/ or |, /).every((e) => exits.has(e)), `${code}: exit "${exit}"`).toBe(true);
    }
    for (const kind of KINDS) {
      const error = new CliError(kind, '');
      expect(documented.get(error.code)).toBe(String(exitCodeFor(error)));
    }
  });
});
