/**
 * The command lines the README and the guides show must be ones the CLI takes: a command that exists, and only flags
 * that command or the global options define, none of them a deprecated alias. A renamed flag (`--file` → `--data`)
 * or a dropped short one (`-q` in `request`) then fails here instead of in a reader's terminal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import { globalOptions, versionFlags } from '../../src/globals.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The generated reference is checked by reference.test.ts; changes.md quotes old flags on purpose. */
const SKIPPED = new Set(['reference.md', 'changes.md']);
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md') && !SKIPPED.has(name)).map((name) => `docs/${name}`)];

/** The long and short names a flag string defines: `-d, --data <body>` → `-d`, `--data`; `--no-verify` → itself. */
function names(flags: string): string[] {
  return flags.split(/[ ,]+/).filter((word) => word.startsWith('-'));
}

const globalNames = new Set([...globalOptions.flatMap((option) => names(option.flags)), ...names(versionFlags), '-h', '--help']);

interface DocLine {
  file: string;
  line: number;
  words: string[];
}

/** Each `fintech-cli …` command line inside a fenced block (a line continued with \ joined to the next), cut at the
 * first shell operator or comment; numbered by its first line. */
function docLines(file: string): DocLine[] {
  const found: DocLine[] = [];
  let fenced = false;
  let pending: { text: string; line: number } | undefined;
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      if (raw.trimStart().startsWith('```')) {
        fenced = !fenced;
        pending = undefined;
        return;
      }
      if (!fenced) return;
      const joined = pending === undefined ? { text: raw, line: index + 1 } : { text: `${pending.text} ${raw.trim()}`, line: pending.line };
      if (joined.text.endsWith('\\')) {
        pending = { text: joined.text.slice(0, -1), line: joined.line };
        return;
      }
      pending = undefined;
      // The program as a shell runs it: at the start, after a prompt, in $( … ), or after a pipe or a list operator.
      const start = /(?:^\s*|\$ |\$\(|\| |&& |; |=)fintech-cli /.exec(joined.text);
      if (start === null) return;
      const words = [];
      for (const word of joined.text.slice(start.index + start[0].length).trim().split(/\s+/)) {
        // `<` alone (or before a path) redirects; `<id>` is a placeholder.
        if (/^(\||\|\||&&|;|#|>|2>|<$|<[./~$])/.test(word)) break;
        words.push(word.replace(/\)+["']?$/, ''));
        if (/\)["']?$/.test(word)) break;
      }
      found.push({ file, line: joined.line, words });
    });
  return found;
}

/** The command a line runs: the longest command path its leading words spell. */
function commandOf(words: string[]) {
  const plain = words.filter((word) => !word.startsWith('-'));
  return commands.filter((spec) => spec.path.every((part, i) => plain[i] === part)).sort((a, b) => b.path.length - a.path.length)[0];
}

const lines = DOCS.flatMap(docLines).filter(({ words }) => words.length > 0 && /^[a-z]/.test(words[0]!));

describe('command lines in the README and the guides', () => {
  it('are found (the check would pass vacuously otherwise)', () => {
    expect(lines.length).toBeGreaterThan(100);
  });

  it.each(lines.map((l) => [`${l.file}:${l.line}`, l] as const))('%s runs a command with its own flags', (_where, { words }) => {
    const spec = commandOf(words);
    if (spec === undefined) throw new Error(`no command in: fintech-cli ${words.join(' ')}`);
    const own = new Map((spec.options ?? []).flatMap((option) => names(option.flags).map((name) => [name, option] as const)));
    for (const word of words.filter((w) => /^--?[a-zA-Z]/.test(w))) {
      const flag = word.split('=')[0]!;
      const option = own.get(flag);
      expect(option !== undefined || globalNames.has(flag), `${flag} is not a flag of ${spec.path.join(' ')}`).toBe(true);
      expect(option?.deprecated, `${flag} of ${spec.path.join(' ')} is deprecated: ${option?.deprecated ?? ''}`).toBeUndefined();
    }
    // A line shortened with … may leave out what the reader fills in; a complete one carries every required flag.
    if (words.includes('…') || words.includes('--help')) return;
    for (const option of (spec.options ?? []).filter((o) => o.required)) {
      expect(names(option.flags).some((name) => words.some((w) => w.split('=')[0] === name)), `${spec.path.join(' ')} needs ${option.flags}`).toBe(true);
    }
  });
});
