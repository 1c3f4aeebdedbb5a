/**
 * docs/reference.md, rendered from the command definitions and the commander program built from them, so the
 * reference says what `--help` says. `npm run docs` writes it (scripts/reference.mjs); test/docs/reference.test.ts
 * fails when the file on disk differs.
 */
import { Readable } from 'node:stream';
import type { Command, Help, Option } from 'commander';
import { commands } from '../src/commands/index.js';
import type { CommandSpec } from '../src/commands/spec.js';
import type { Context } from '../src/context.js';
import { buildProgram } from '../src/program.js';

/** Options added to every command; they are listed once, at the top. */
const GLOBAL_GROUP = 'Global options:';

export function renderReference(): string {
  const program = buildProgram(inertContext(), commands);
  const help = program.createHelp();
  const sections = [
    '# Command reference',
    '',
    'Generated from the command definitions by `npm run docs`; do not edit it by hand. `fintech-cli <command> --help`',
    'shows the same on a terminal, and `fintech-cli --version` prints the version. Exit codes and environment variables:',
    '[configuration.md](configuration.md).',
    '',
    '## Global options',
    '',
    'Every command accepts these, before or after its own arguments.',
    '',
    optionTable(help, help.visibleOptions(program).filter((option) => option.long !== '--version')),
    '',
    '## Commands',
    '',
    ...commands.map((spec) => `- [\`${title(spec)}\`](#${anchor(title(spec))}): ${prose(spec.summary)}`),
    ...commands.flatMap((spec) => commandSection(spec, leafOf(program, spec), help)),
  ];
  return `${sections.join('\n')}\n`;
}

function commandSection(spec: CommandSpec, leaf: Command, help: Help): string[] {
  const args = help.visibleArguments(leaf);
  const options = help.visibleOptions(leaf).filter((option) => !isGlobal(option));
  return [
    '',
    `## \`${title(spec)}\``,
    '',
    prose(spec.description ?? spec.summary),
    '',
    '```',
    `Usage: ${help.commandUsage(leaf)}`,
    '```',
    ...(args.length === 0 ? [] : ['', table(['argument', 'description'], args.map((a) => [code(help.argumentTerm(a)), prose(help.argumentDescription(a))]))]),
    ...(options.length === 0 ? [] : ['', optionTable(help, options)]),
    '',
    'Examples:',
    '',
    '```sh',
    ...spec.examples,
    '```',
  ];
}

/** `-h, --help` is on every command too, so it counts as a global option. */
function isGlobal(option: Option): boolean {
  return option.helpGroupHeading === GLOBAL_GROUP || option.long === '--help';
}

function optionTable(help: Help, options: readonly Option[]): string {
  return table(['option', 'description'], options.map((o) => [code(help.optionTerm(o)), prose(help.optionDescription(o))]));
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(head), `|${head.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function leafOf(program: Command, spec: CommandSpec): Command {
  let command = program;
  for (const word of spec.path) {
    const next = command.commands.find((c) => c.name() === word);
    if (next === undefined) throw new Error(`${spec.path.join(' ')} is not in the program`);
    command = next;
  }
  return command;
}

function title(spec: CommandSpec): string {
  return ['fintech-cli', ...spec.path].join(' ');
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^\w\- ]/g, '').replaceAll(' ', '-');
}

/** Help text as Markdown text: `<hex>` must not read as an HTML tag, nor `*` as emphasis. */
function prose(text: string): string {
  return text.replace(/[<*]/g, '\\$&');
}

function code(text: string): string {
  return `\`${text}\``;
}

/** Building the program reads only the version; nothing runs. */
function inertContext(): Context {
  const sink = { write: () => true };
  return {
    streams: { stdin: Readable.from([]), stdout: sink, stderr: sink },
    env: {},
    cwd: '/',
    now: () => 0,
    version: '0.0.0',
    signal: new AbortController().signal,
  };
}
