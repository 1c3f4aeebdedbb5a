import { providers } from '../environments.js';
import type { CommandSpec } from './spec.js';

/**
 * The command tree, light: each command's words and how to import the module that defines it. Start-up reads
 * only this list; a command's module (its options, help, examples and `run`, and what they import) is imported
 * when that command runs or its help is shown, so `--help` or `soldo fingerprint` never parse the other 50.
 *
 * To add a command, add its line here, in help order. `registry.test.ts` checks that each line's module
 * defines a command with exactly these words.
 */
export interface CommandEntry {
  readonly path: readonly string[];
  /** Imports the command's module; its spec is the export (or element of an exported list) with this path. */
  readonly load: () => Promise<object>;
}

function entry(words: string, load: () => Promise<object>): CommandEntry {
  return { path: words.split(' '), load };
}

export const registry: readonly CommandEntry[] = [
  entry('login', () => import('./login.js')),
  entry('config set', () => import('./config/set.js')),
  entry('config get', () => import('./config/get.js')),
  entry('config list', () => import('./config/list.js')),
  entry('config unset', () => import('./config/unset.js')),
  entry('config path', () => import('./config/path.js')),
  entry('auth token', () => import('./auth/token.js')),
  ...providers.map((provider) => entry(`auth ${provider}`, () => import('./auth/token.js'))),
  entry('auth status', () => import('./auth/status.js')),
  entry('auth logout', () => import('./auth/logout.js')),
  entry('webhooks create', () => import('./webhooks/create.js')),
  entry('webhooks list', () => import('./webhooks/list.js')),
  entry('webhooks get', () => import('./webhooks/get.js')),
  entry('webhooks delete', () => import('./webhooks/delete.js')),
  entry('webhooks listen', () => import('./webhooks/listen.js')),
  entry('webhooks trigger', () => import('./webhooks/trigger.js')),
  entry('webhooks replay', () => import('./webhooks/replay.js')),
  entry('webhooks sign', () => import('./webhooks/sign.js')),
  entry('webhooks verify', () => import('./webhooks/verify.js')),
  entry('webhooks secret set', () => import('./webhooks/secret/set.js')),
  entry('webhooks secret list', () => import('./webhooks/secret/list.js')),
  entry('webhooks secret delete', () => import('./webhooks/secret/delete.js')),
  entry('solaris device-consent create', () => import('./solaris/device-consent/create.js')),
  entry('solaris device-activity create', () => import('./solaris/device-activity/create.js')),
  entry('giroident start', () => import('./giroident/start.js')),
  entry('giroident exchange', () => import('./giroident/exchange.js')),
  entry('giroident check create', () => import('./giroident/check/create.js')),
  entry('giroident check get', () => import('./giroident/check/get.js')),
  entry('finapi users create', () => import('./finapi/users/create.js')),
  entry('finapi users delete', () => import('./finapi/users/delete.js')),
  entry('soldo fingerprint', () => import('./soldo/fingerprint.js')),
  entry('soldo sign', () => import('./soldo/sign.js')),
  entry('soldo verify', () => import('./soldo/verify.js')),
  entry('soldo keygen', () => import('./soldo/keygen.js')),
  entry('soldo orders', () => import('./soldo/orders.js')),
  entry('request', () => import('./request.js')),
  entry('doctor', () => import('./doctor.js')),
  // The completion command lists every command: it gets them from here rather than importing this module in a circle.
  entry('completion', async () => ({ completion: (await import('./completion.js')).completionCommand(() => loadCommands()) })),
  entry('emulator', () => import('./emulator.js')),
  entry('demo', () => import('./demo.js')),
];

/** Imports the module of `entry` and returns the command it defines. */
export async function loadCommand(entry: CommandEntry): Promise<CommandSpec> {
  const module = await entry.load();
  for (const value of Object.values(module)) {
    for (const candidate of Array.isArray(value) ? value : [value]) {
      if (isSpec(candidate) && samePath(candidate.path, entry.path)) return candidate;
    }
  }
  throw new Error(`The registry names "${entry.path.join(' ')}", but its module defines no such command.`);
}

/** Every command, in help order (imports every command module: for completion scripts, not for start-up). */
export function loadCommands(entries: readonly CommandEntry[] = registry): Promise<CommandSpec[]> {
  return Promise.all(entries.map(loadCommand));
}

/**
 * Where a command line leads, as commander will see it: the command it runs (or shows the help of), else the group
 * it stops at (`soldo`, `soldo --help`, `help soldo`, `soldo typo`; `[]` for the program itself). The walk skips
 * options, and the value of each option in `valueOptions` (the global options that take one), as commander does.
 */
export function resolveArgv(
  argv: readonly string[],
  valueOptions: ReadonlySet<string>,
  entries: readonly CommandEntry[] = registry,
): { command?: CommandEntry; group: readonly string[] } {
  let prefix: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') break;
    if (word.startsWith('-')) {
      if (valueOptions.has(word)) i++;
      continue;
    }
    const next = [...prefix, word];
    const under = entries.filter((e) => startsWith(e.path, next));
    if (under.length === 0) {
      if (word === 'help') continue; // `help soldo`, `soldo help fingerprint`: the help of what follows
      break;
    }
    const command = under.find((e) => e.path.length === next.length);
    if (command) return { command, group: prefix };
    prefix = next;
  }
  return { group: prefix };
}

/**
 * The commands whose modules a command line needs before it is parsed: the one it runs, or, when it stops at a
 * group, the commands directly under that group, whose usage and summary its help lists.
 */
export function entriesFor(argv: readonly string[], valueOptions: ReadonlySet<string>, entries: readonly CommandEntry[] = registry): CommandEntry[] {
  const { command, group } = resolveArgv(argv, valueOptions, entries);
  if (command) return [command];
  return entries.filter((e) => e.path.length === group.length + 1 && startsWith(e.path, group));
}

function isSpec(value: unknown): value is CommandSpec {
  return typeof value === 'object' && value !== null && Array.isArray((value as CommandSpec).path) && typeof (value as CommandSpec).run === 'function';
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((word, i) => path[i] === word);
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && startsWith(a, b);
}
