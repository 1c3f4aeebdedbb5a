import { Command, Option } from 'commander';
import type { CommandSpec, OptionSpec } from './commands/spec.js';
import type { Context } from './context.js';
import { resolveGlobals, type RawGlobals } from './globals.js';
import { createRunContext } from './run-context.js';

const globalOptions: readonly OptionSpec[] = [
  { flags: '--env <name>', description: 'environment: sandbox (default), production or emulator' },
  { flags: '--sandbox', description: 'use the sandbox environment (default)' },
  { flags: '--production', description: 'use the production environment' },
  { flags: '--emulator', description: 'use the local emulator (fintech-cli emulator)' },
  { flags: '--profile <name>', description: 'credentials profile (default "default", env FINTECH_CLI_PROFILE)' },
  { flags: '--json', description: 'print one JSON document (errors as JSON on stderr)' },
  { flags: '-v, --verbose', description: 'trace HTTP requests on stderr, secrets redacted' },
  { flags: '--timeout <ms>', description: 'HTTP timeout in milliseconds (default 30000)' },
  { flags: '--no-color', description: 'no colour (also NO_COLOR)' },
  { flags: '--no-input', description: 'never prompt; fail with a hint instead' },
  { flags: '--debug', description: 'show stack traces (also FINTECH_CLI_DEBUG=1)' },
];

const environmentHelp = `
Environment variables:
  FINTECH_CLI_ENV            sandbox | production | emulator (when no flag selects one)
  FINTECH_CLI_PROFILE        credentials profile
  FINTECH_CLI_CONFIG_DIR     where config.json and tokens.json live
  FINTECH_CLI_EMULATOR_URL   the emulator's address (default http://127.0.0.1:4010)
  FINTECH_CLI_<PROVIDER>_*   credentials and URLs, e.g. FINTECH_CLI_SOLARIS_CLIENT_ID (see docs/configuration.md)
  NO_COLOR, CI               no colour and no spinners

Exit codes: 0 ok, 1 API error, 2 usage, 3 verification failed, 4 auth, 5 network, 130 interrupted.`;

/** Sink for commander's own output, so help and errors go through our streams. */
export interface ProgramOutput {
  writeOut(text: string): void;
}

/** A fresh commander program per run, so no state leaks between runs (or tests). */
export function buildProgram(ctx: Context, specs: readonly CommandSpec[]): Command {
  const program = new Command('fintech-cli')
    .description('Tokens, webhooks, GiroIdent and Soldo signatures for Solaris, finAPI and Soldo, with a local emulator.')
    .version(ctx.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', environmentHelp);
  configure(program, ctx);
  addOptions(program, globalOptions, 'Global options:');

  for (const spec of specs) {
    const leaf = findOrCreatePath(program, spec.path.slice(0, -1), ctx).command(spec.path.at(-1) ?? '');
    configure(leaf, ctx);
    leaf.description(spec.description ?? spec.summary).summary(spec.summary);
    for (const arg of spec.args ?? []) {
      const name = arg.required === false ? `[${arg.name}]` : `<${arg.name}>`;
      leaf.argument(name, arg.description);
    }
    addOptions(leaf, spec.options ?? []);
    addOptions(leaf, globalOptions, 'Global options:');
    if (spec.examples.length > 0) {
      leaf.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join('\n')}`);
    }
    leaf.action(async (...params: unknown[]) => {
      const command = params.at(-1) as Command;
      const args = command.args;
      const cx = createRunContext(ctx, resolveGlobals(mergedGlobals(command), ctx.env));
      try {
        await spec.run({ args, opts: command.opts() }, cx);
      } finally {
        await cx.dispose();
      }
    });
  }
  return program;
}

function configure(command: Command, ctx: Context): void {
  command
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (text) => void ctx.streams.stdout.write(text),
      writeErr: (text) => void ctx.streams.stderr.write(text),
      // Parse errors are rendered by main() like every other error, as one line and a hint.
      outputError: () => {},
    });
}

function addOptions(command: Command, options: readonly OptionSpec[], group?: string): void {
  for (const spec of options) {
    const option = new Option(spec.flags, spec.description);
    if (group) option.helpGroup(group);
    if (spec.choices) option.choices(spec.choices);
    if (spec.repeatable) option.argParser((value: string, previous: unknown) => [...(Array.isArray(previous) ? previous : []), value]);
    if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
    command.addOption(option);
  }
}

function findOrCreatePath(root: Command, words: readonly string[], ctx: Context): Command {
  let parent = root;
  for (const word of words) {
    let next = parent.commands.find((c) => c.name() === word);
    if (!next) {
      next = parent.command(word);
      configure(next, ctx);
      next.description(groupDescriptions[word] ?? '');
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
