/** The command tree for completion, built from the command specs themselves, so no name is written twice. */
import { Option } from 'commander';
import type { CompletionCommand, CompletionTree, OptionValues } from '../core/completion-scripts.js';
import { environments, providers } from '../environments.js';
import { knownEventTypes } from '../providers/solaris/events.js';
import { soldoOrders } from '../providers/soldo/orders.js';
import type { ArgSpec, CommandSpec } from './spec.js';

/** Values of arguments and options known by name where the spec lists no choices (Solaris accepts any event type). */
const valuesByName: Record<string, readonly string[]> = {
  provider: providers,
  providers,
  env: environments,
  'event-type': knownEventTypes,
  operation: soldoOrders.map((order) => order.operationId),
};

const helpFlags = ['-h', '--help'];

/** `programFlags`: the flags of the program's own options, which every command accepts as well. */
export function completionTree(program: string, specs: readonly CommandSpec[], programFlags: readonly string[]): CompletionTree {
  const globals = optionsOf(programFlags.map((flags) => new Option(flags)));
  const groups = new Map<string, { path: string[]; subcommands: Set<string> }>();
  const groupOf = (path: readonly string[]) => {
    const key = path.join(' ');
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { path: [...path], subcommands: new Set() }));
    return group;
  };
  for (const spec of specs) {
    spec.path.forEach((word, i) => groupOf(spec.path.slice(0, i)).subcommands.add(word));
  }
  const leaves = new Map(specs.map((spec) => [spec.path.join(' '), spec]));
  const commands: CompletionCommand[] = [...groups.values()]
    .filter((group) => !leaves.has(group.path.join(' ')))
    .map((group) => {
      const root = group.path.length === 0;
      return {
        path: group.path,
        subcommands: [...group.subcommands],
        options: root ? [...globals.flags, ...helpFlags, '-V', '--version'] : helpFlags,
        args: [],
        variadic: false,
        optionValues: root ? globals.values : new Map(),
      };
    });
  for (const spec of specs) {
    const own = optionsOf((spec.options ?? []).filter((o) => o.deprecated === undefined).map((o) => (o.choices === undefined ? new Option(o.flags) : new Option(o.flags).choices(o.choices))));
    commands.push({
      path: spec.path,
      subcommands: [...(groups.get(spec.path.join(' '))?.subcommands ?? [])],
      options: [...own.flags, ...globals.flags, ...helpFlags],
      args: (spec.args ?? []).map(argValues),
      variadic: spec.args?.at(-1)?.name.endsWith('...') ?? false,
      optionValues: new Map([...globals.values, ...own.values]),
    });
  }
  return { program, commands };
}

function optionsOf(options: readonly Option[]): { flags: string[]; values: Map<string, OptionValues> } {
  const flags: string[] = [];
  const values = new Map<string, OptionValues>();
  for (const option of options) {
    const names = [option.short, option.long].filter((name): name is string => name !== undefined);
    flags.push(...names);
    if (!option.required && !option.optional) continue;
    const value = valueOf(option);
    for (const name of names) values.set(name, value);
  }
  return { flags, values };
}

/** Choices, else a list known by the option's name, else file names for a `<file>`, `<path>`, `<dir>` or `@file`. */
function valueOf(option: Option): OptionValues {
  if (option.argChoices !== undefined) return option.argChoices;
  const known = valuesByName[option.long?.replace(/^--/, '') ?? ''];
  if (known !== undefined) return known;
  const placeholder = option.flags.slice(option.flags.search(/[<[]/));
  return /file|path|dir/i.test(placeholder) ? 'files' : [];
}

function argValues(arg: ArgSpec): readonly string[] {
  return arg.choices ?? valuesByName[arg.name.replace(/\.\.\.$/, '')] ?? [];
}
