import { CommanderError } from 'commander';
import { CliError, exitCodeFor, UsageError } from './errors.js';
import { styler } from './io/color.js';
import { colorEnabled } from './io/color.js';
import type { Context } from './context.js';
import { knownSecrets } from './config/known-secrets.js';
import { createRedactor } from './core/redact.js';
import { terminalSafe } from './io/terminal-safe.js';

export interface ReportSettings {
  json: boolean;
  debug: boolean;
  noColor: boolean;
}

/** Turns any error into the contract's stderr shape and exit code. The one place errors are rendered. */
export function reportError(error: unknown, ctx: Context, settings: ReportSettings): number {
  const cliError = toCliError(error, ctx.signal.aborted);
  const code = exitCodeFor(cliError);
  const { stderr } = ctx.streams;
  // Whatever an error quotes (a library's message, a provider's answer), no secret this run knows of is printed, and
  // on a terminal no control character in it is sent as such: a provider could otherwise clear the screen or write
  // the clipboard (OSC 52). In --json, JSON escapes them and the text stays exact.
  const masked = createRedactor([...knownSecrets(ctx.env, ctx.cwd), ...(ctx.secrets ?? [])]).text;
  const shown = terminalSafe(stderr);
  const redact = settings.json ? masked : (text: string) => shown(masked(text));
  const message = redact(cliError.message);
  const hint = cliError.hint === undefined ? undefined : redact(cliError.hint);
  if (settings.json) {
    const body: Record<string, unknown> = { code: cliError.code, message };
    if (hint !== undefined) body.hint = hint;
    if (cliError.status !== undefined) body.status = cliError.status;
    if (cliError.provider !== undefined) body.provider = cliError.provider;
    stderr.write(`${JSON.stringify({ error: body })}\n`);
  } else {
    const style = styler(colorEnabled(stderr, { noColorFlag: settings.noColor, json: false, env: ctx.env }));
    // One line each, as the contract says: a message that quotes several lines is folded.
    stderr.write(`${style.red('error:')} ${oneLine(message)}\n`);
    if (hint !== undefined) stderr.write(`${style.dim(oneLine(hint))}\n`);
  }
  if (settings.debug && error instanceof Error && error.stack) stderr.write(`${redact(error.stack)}\n`);
  return code;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** `commander.unknownOption` → `unknown_option`: commander's parse errors in the CLI's snake_case. */
export function commanderCode(code: string): string {
  return code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function toCliError(error: unknown, aborted: boolean): CliError {
  if (error instanceof CliError) return error;
  if (aborted || (error instanceof Error && error.name === 'AbortError')) {
    return new CliError('interrupted', 'Interrupted.');
  }
  if (error instanceof CommanderError) {
    // Commander puts its suggestion on a second line; keep the message to one.
    const message = error.message.replace(/^error: /, '').replace(/\n\(Did you mean (.+)\?\)$/, ' (did you mean $1?)');
    return new UsageError(message, {
      code: commanderCode(error.code),
      hint: 'Run with --help to see the usage.',
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CliError('internal', `Unexpected failure: ${message}`, {
    hint: 'Run again with --debug for details, and report it if it persists.',
  });
}
