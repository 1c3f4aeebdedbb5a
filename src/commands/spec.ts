import { UsageError } from '../errors.js';
import type { RunContext } from '../run-context.js';

export interface OptionSpec {
  /** Commander flag syntax, e.g. `--client-id <id>` or `--show-secrets`. */
  flags: string;
  description: string;
  defaultValue?: string | boolean | string[];
  /** Values accepted; anything else is a usage error. */
  choices?: readonly string[];
  /** Repeatable option collecting each value into an array. */
  repeatable?: boolean;
}

export interface ArgSpec {
  name: string;
  description: string;
  required?: boolean;
  choices?: readonly string[];
}

export interface CommandInput {
  args: string[];
  /** The command's own options (not the global ones), camel-cased by commander. */
  opts: Record<string, unknown>;
}

/**
 * What a command module exports: its definition for help and parsing, and `run`.
 * Command modules import only light modules statically; heavy ones (undici, prompts, spinner) come
 * through `RunContext` accessors that import them on first use.
 */
export interface CommandSpec {
  /** Words after `fintech-cli`, e.g. `['config', 'set']`. */
  path: readonly string[];
  summary: string;
  description?: string;
  args?: readonly ArgSpec[];
  options?: readonly OptionSpec[];
  examples: readonly string[];
  run(input: CommandInput, cx: RunContext): Promise<void>;
}

export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}

/** Reads an option value that commander typed as unknown. */
export function stringOpt(opts: Record<string, unknown>, name: string): string | undefined {
  const value = opts[name];
  return typeof value === 'string' ? value : undefined;
}

export function boolOpt(opts: Record<string, unknown>, name: string): boolean {
  return opts[name] === true;
}

export function listOpt(opts: Record<string, unknown>, name: string): string[] {
  const value = opts[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** An option the command cannot run without; `usage` is its flag and placeholder, e.g. `--out <dir>`. */
export function requiredOpt(opts: Record<string, unknown>, name: string, usage: string): string {
  const value = stringOpt(opts, name);
  if (value === undefined) throw new UsageError(`${usage.split(' ')[0]} is required.`, { hint: `Add ${usage}.` });
  return value;
}
