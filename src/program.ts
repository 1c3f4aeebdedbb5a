import { Command, CommanderError, Help, Option } from 'commander';
import { type CommandEntry, entriesFor, loadCommand, registry, resolveArgv } from './commands/registry.js';
import type { CommandSpec, OptionSpec } from './commands/spec.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import type { OutStream } from './io/streams.js';
import { environmentHelp, globalOptions, globalValueOptions, resolveGlobals, type RawGlobals, versionFlags } from './globals.js';

/** Sink for commander's own output, so help and errors go through our streams. */
export interface ProgramOutput {
  writeOut(text: string): void;
}

export interface RunOptions {
  /** The command tree (default: the registry). */
  entries?: readonly CommandEntry[];
  /** The commands to import before parsing (default: those the command line names, see `entriesFor`). */
  preload?: readonly CommandEntry[];
  /** What help lists of each command (default: the one the build stored in dist/; none when run from source). */
  index?: readonly HelpIndexEntry[];
}

/** What the help of a group (or of the program) lists of a command: its usage term and summary. */
export interface HelpIndexEntry {
  path: readonly string[];
  term: string;
  summary: string;
}

/** Written into dist/ by scripts/build.mjs (esbuild `define`) from `helpIndexOf` of every command. */
declare const FINTECH_CLI_HELP_INDEX: readonly HelpIndexEntry[] | undefined;
const builtIndex = typeof FINTECH_CLI_HELP_INDEX === 'undefined' ? undefined : FINTECH_CLI_HELP_INDEX;

/** The help index of `specs`: each command's term and summary as the complete program shows them. */
export function helpIndexOf(ctx: Context, specs: readonly CommandSpec[]): HelpIndexEntry[] {
  const program = buildProgram(ctx, specs);
  const help = program.createHelp();
  return specs.map((spec) => {
    let command = program;
    for (const word of spec.path) command = command.commands.find((c) => c.name() === word) ?? command;
    return { path: spec.path, term: help.subcommandTerm(command), summary: spec.summary };
  });
}

/**
 * Runs one command line: imports the modules of the commands it needs (see `entriesFor`), builds the tree
 * from the registry and parses. Commander's help and version exits end here; every other error is thrown.
 */
export async function runProgram(ctx: Context, argv: readonly string[], options: RunOptions = {}): Promise<void> {
  const entries = options.entries ?? registry;
  const index = new Map((options.index ?? builtIndex ?? []).map((item) => [item.path.join(' '), item]));
  // With the index, the help of the program or of a group lists the commands without importing them.
  const target = index.size > 0 ? resolveArgv(argv, globalValueOptions, entries).command : undefined;
  const needed = options.preload ?? (index.size > 0 ? (target ? [target] : []) : entriesFor(argv, globalValueOptions, entries));
  const specs = new Map(await Promise.all(needed.map(async (entry) => [entry, await loadCommand(entry)] as const)));
  const program = buildTree(
    ctx,
    entries.map((entry) => ({ path: entry.path, spec: specs.get(entry), entry, listed: index.get(entry.path.join(' ')) })),
  );
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && successfulExits.has(error.code)) return;
    throw error;
  }
}

/** Commander signals help and version output by throwing when exitOverride() is on. */
const successfulExits = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** A fresh commander program per run with every command of `specs` complete, so no state leaks between runs (or tests). */
export function buildProgram(ctx: Context, specs: readonly CommandSpec[]): Command {
  return buildTree(ctx, specs.map((spec) => ({ path: spec.path, spec })));
}

interface TreeNode {
  path: readonly string[];
  /** The command, when its module is loaded; else the node is a stub that `entry` completes if it is dispatched to. */
  spec?: CommandSpec;
  entry?: CommandEntry;
  /** How a stub is listed in its group's help. */
  listed?: HelpIndexEntry;
}

function buildTree(ctx: Context, nodes: readonly TreeNode[]): Command {
  const program = new Command('fintech-cli')
    .description('Tokens, webhooks, GiroIdent and Soldo signatures for Solaris, finAPI and Soldo, with a local emulator.')
    .version(ctx.version, versionFlags, 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', environmentHelp);
  configure(program, ctx);
  addOptions(program, globalOptions, 'Global options:');

  // A stub is listed in help with the term of the help index; groups inherit this setting from the program.
  const stubTerms = new WeakMap<Command, string>();
  program.configureHelp({
    subcommandTerm(this: Help, command: Command) {
      return stubTerms.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
    },
  });
  // A command the argv walk did not foresee (it should not happen) is loaded before commander parses its arguments.
  const stubs = new Map<Command, CommandEntry>();
  const completeStub = async (_parent: Command, sub: Command) => {
    const entry = stubs.get(sub);
    if (entry === undefined) return;
    stubs.delete(sub);
    stubTerms.delete(sub);
    defineLeaf(sub, await loadCommand(entry), ctx);
  };
  program.hook('preSubcommand', completeStub);

  for (const node of nodes) {
    const leaf = findOrCreatePath(program, node.path.slice(0, -1), ctx, completeStub).command(node.path.at(-1) ?? '');
    configure(leaf, ctx);
    if (node.spec) defineLeaf(leaf, node.spec, ctx);
    else if (node.entry) stubs.set(leaf, node.entry);
    if (!node.spec && node.listed) {
      leaf.summary(node.listed.summary);
      stubTerms.set(leaf, node.listed.term);
    }
  }
  return program;
}

/** Gives a leaf command its description, arguments, options, examples and action. */
function defineLeaf(leaf: Command, spec: CommandSpec, ctx: Context): void {
  leaf.description(spec.description ?? spec.summary).summary(spec.summary);
  for (const arg of spec.args ?? []) {
    const name = arg.required === false ? `[${arg.name}]` : `<${arg.name}>`;
    leaf.argument(name, arg.description);
  }
  const own = addOptions(leaf, spec.options ?? []);
  addOptions(leaf, globalOptions, 'Global options:');
  if (spec.examples.length > 0) {
    leaf.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
  }
  leaf.action(async (...params: unknown[]) => {
    const command = params.at(-1) as Command;
    const args = command.args;
    // Imported here, not at the top: the run context brings the providers, the config store and node:crypto, which
    // `--help` and a usage error never need.
    const { createRunContext } = await import('./run-context.js');
    const cx = createRunContext(ctx, resolveGlobals(mergedGlobals(command), ctx.env));
    try {
      const opts = optionValues(own, command.opts());
      for (const { spec: option, given } of deprecatedGiven(own, command)) {
        cx.io.info(`note: ${given} is deprecated and will be removed in a later release; use ${option.deprecated}.`);
      }
      await spec.run({ args, opts }, cx);
    } finally {
      await cx.dispose();
    }
  });
}

/**
 * The command's own options as `run` receives them (`OptionValues` in commands/spec.ts): a flag is true or false, a
 * repeatable option a list (empty when not given); a required option that was not given is a usage error.
 */
function optionValues(options: readonly DefinedOption[], given: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const { spec, option } of options) {
    const key = option.attributeName();
    const value = given[key];
    if (spec.required && value === undefined) {
      throw new UsageError(`${option.long} is required.`, { hint: `Add ${requiredUsage(spec, option)}.` });
    }
    values[key] = takesNoValue(option) ? value === true : spec.repeatable ? (value ?? []) : value;
  }
  return values;
}

/** The deprecated options given on this command line, with the name they were given under. */
function deprecatedGiven(options: readonly DefinedOption[], command: Command): { spec: OptionSpec; given: string }[] {
  return options
    .filter(({ spec, option }) => spec.deprecated !== undefined && command.getOptionValueSource(option.attributeName()) === 'cli')
    .map(({ spec, option }) => ({ spec, given: option.long ?? spec.flags }));
}

/** `--event-type <type>`, or with choices `--event-type <APPROVED|REJECTED>`: what the hint of a missing option shows. */
function requiredUsage(spec: OptionSpec, option: Option): string {
  if (takesNoValue(option)) return option.long ?? spec.flags;
  const placeholder = spec.choices === undefined ? spec.flags.slice(spec.flags.search(/[<[]/)) : `<${spec.choices.join('|')}>`;
  return `${option.long} ${placeholder}`;
}

function configure(command: Command, ctx: Context): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => void ctx.streams.stdout.write(text),
      writeErr: (text) => void ctx.streams.stderr.write(text),
      // The width and colours of the run's own streams, not of process.stdout (which Node would build for the asking).
      getOutHelpWidth: () => helpWidth(ctx.streams.stdout),
      getErrHelpWidth: () => helpWidth(ctx.streams.stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      // Parse errors are rendered by main() like every other error, as one line and a hint.
      outputError: () => {},
    });
}

/** A terminal's width, else commander's default of 80 columns. */
function helpWidth(stream: OutStream): number {
  return stream.isTTY === true && stream.columns !== undefined ? stream.columns : 80;
}

/** `--show-secrets` or `--no-verify`: true or false, a `--no-` flag true unless given. */
function takesNoValue(option: Option): boolean {
  return !option.required && !option.optional;
}

interface DefinedOption {
  spec: OptionSpec;
  option: Option;
}

function addOptions(command: Command, options: readonly OptionSpec[], group?: string): DefinedOption[] {
  return options.map((spec) => {
    const option = new Option(spec.flags, spec.required ? `${spec.description} (required)` : spec.description);
    if (group) option.helpGroup(group);
    if (spec.deprecated !== undefined) option.hideHelp();
    if (spec.choices) option.choices(spec.choices);
    if (spec.repeatable) option.argParser((value: string, previous: unknown) => [...(Array.isArray(previous) ? previous : []), value]);
    if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
    command.addOption(option);
    return { spec, option };
  });
}

type SubcommandHook = (parent: Command, sub: Command) => Promise<void>;

function findOrCreatePath(root: Command, words: readonly string[], ctx: Context, hook: SubcommandHook): Command {
  let parent = root;
  for (const word of words) {
    let next = parent.commands.find((c) => c.name() === word);
    if (!next) {
      next = parent.command(word);
      configure(next, ctx);
      next.description(groupDescriptions[word] ?? '');
      next.hook('preSubcommand', hook);
    }
    parent = next;
  }
  return parent;
}

const groupDescriptions: Record<string, string> = {
  config: 'Show and change stored credentials and settings',
  auth: 'Obtain, inspect and clear access tokens',
  webhooks: 'Solaris webhook subscriptions; sign, verify, receive and send notifications',
  solaris: 'Solaris device monitoring',
  giroident: 'finAPI GiroIdent: start a process, create and read checks',
  finapi: 'finAPI Access users',
  users: 'Create and delete finAPI users',
  'device-consent': 'Record a device-monitoring consent',
  'device-activity': 'Report a device activity with its Seon fingerprint',
  check: 'Create and read GiroIdent checks',
  secret: 'Store, list and forget the signing secrets of webhook subscriptions (also ones made elsewhere)',
  soldo: 'Soldo fingerprints, signatures and keys (advanced authentication)',
};

/**
 * Global options may stand before or after the subcommand. A value the user gave (on the command line)
 * anywhere on the path wins over defaults, so `--no-color` before the subcommand is not undone by the
 * leaf's implicit default.
 */
function mergedGlobals(command: Command): RawGlobals {
  const merged: Record<string, unknown> = {};
  const chain: Command[] = [];
  for (let c: Command | null = command; c; c = c.parent) chain.unshift(c);
  for (const c of chain) {
    for (const [key, value] of Object.entries(c.opts())) {
      const source = c.getOptionValueSource(key);
      if (source === 'cli' || source === 'env' || !(key in merged)) merged[key] = value;
    }
  }
  return merged;
}
