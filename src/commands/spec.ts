import type { RunContext } from '../run-context.js';

export interface OptionSpec {
  /** Commander flag syntax, e.g. `--client-id <id>`, `-d, --data <body>`, `--show-secrets` or `--no-verify`. */
  flags: string;
  description: string;
  defaultValue?: string | boolean | readonly string[];
  /** Values accepted; anything else is a usage error. */
  choices?: readonly string[];
  /** Repeatable option collecting each value into an array. */
  repeatable?: boolean;
  /** Checked before `run` (a usage error naming the flag) and marked in help. */
  required?: boolean;
  /**
   * An old name kept for a release: hidden from help, the reference and completion, still accepted, and noted on
   * stderr with what replaces it (e.g. `--data @<path>`).
   */
  deprecated?: string;
}

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
  choices?: readonly string[];
}

/*
 * The options `run` receives, typed from the definitions. A definition's `flags` literal gives the key as commander
 * camel-cases it (`-d, --data <body>` → `data`, `--event-type <type>` → `eventType`, `--no-verify` → `verify`) and
 * whether it takes a value; `choices`, `repeatable`, `required` and `defaultValue` refine the type. Definitions
 * must keep their literal types: inline in `defineCommand`, or declared `as const satisfies OptionSpec` (or
 * `readonly OptionSpec[]`) when shared. A definition whose flags are a plain `string` gives no key at all, so
 * reading it is a type error rather than an unchecked value.
 */

/** `-d, --data <body>` → `data <body>`; `--no-verify` → `no-verify`. */
type AfterLongDashes<F extends string> = F extends `${string}--${infer Rest}` ? Rest : never;
type LongName<F extends string> = AfterLongDashes<F> extends `${infer Name} ${string}` ? Name : AfterLongDashes<F>;
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** The key commander stores an option under; none for flags that are not a literal. */
type OptionKey<F extends string> = string extends F
  ? never
  : LongName<F> extends `no-${infer Negated}`
    ? CamelCase<Negated>
    : CamelCase<LongName<F>>;

type TakesValue<F extends string> = F extends `${string}<${string}>${string}` ? true : false;
type Choice<O extends OptionSpec> = O extends { choices: readonly (infer C extends string)[] } ? C : string;
type Given<O extends OptionSpec> = O extends { required: true } | { defaultValue: string | boolean | readonly string[] } ? true : false;

/** Flags are true or false; a repeatable option is a list, empty when not given; a value is undefined when not given unless required or defaulted. */
type OptionValue<O extends OptionSpec> =
  TakesValue<O['flags']> extends false
    ? boolean
    : O extends { repeatable: true }
      ? Choice<O>[]
      : Given<O> extends true
        ? Choice<O>
        : Choice<O> | undefined;

export type OptionValues<Options extends readonly OptionSpec[]> = {
  [O in Options[number] as OptionKey<O['flags']>]: OptionValue<O>;
};

export interface CommandInput<Opts = Record<never, never>> {
  args: string[];
  /** The command's own options (not the global ones), typed from its definitions. */
  opts: Opts;
}

/**
 * What a command module exports: its definition for help and parsing, and `run`.
 * Command modules import only light modules statically; heavy ones (undici, prompts, spinner) come
 * through `RunContext` accessors that import them on first use.
 */
export interface CommandSpec<Options extends readonly OptionSpec[] = readonly OptionSpec[]> {
  /** Words after `fintech-cli`, e.g. `['config', 'set']`. */
  path: readonly string[];
  summary: string;
  description?: string;
  args?: readonly ArgSpec[];
  options?: Options;
  examples: readonly string[];
  run(input: CommandInput<OptionValues<Options>>, cx: RunContext): Promise<void>;
}

/** A command whose `run` receives its options typed from `options` (see `OptionValues`). */
export function defineCommand<const Options extends readonly OptionSpec[] = readonly []>(spec: CommandSpec<Options>): CommandSpec<Options> {
  return spec;
}
