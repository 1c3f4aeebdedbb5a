import { Readable } from 'node:stream';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { InStream, OutStream } from '../io/streams.js';
import { buildProgram } from '../program.js';
import { defineCommand, type OptionSpec, type OptionValues } from './spec.js';

/** One option of each kind: the key and type of each come from its flags and its definition. */
const options = [
  { flags: '--event-type <type>', description: 'a value' },
  { flags: '--url <url>', description: 'a value the command needs', required: true },
  { flags: '-d, --data <json|@file|->', description: 'a value with a short alias' },
  { flags: '-y, --yes', description: 'a flag with a short alias' },
  { flags: '--no-verify', description: 'a negated flag' },
  { flags: '--param <name=value>', description: 'a list', repeatable: true },
  { flags: '--max-body <bytes>', description: 'a value with a default', defaultValue: '1024' },
  { flags: '--numbers <style>', description: 'a choice', choices: ['as-sent', 'normalized'] },
  { flags: '--product <name>', description: 'a choice with a default', choices: ['checks', 'checks-plus'], defaultValue: 'checks' },
] as const satisfies readonly OptionSpec[];

type Values = OptionValues<typeof options>;

describe('typed options', () => {
  it('types each option from its definition, keyed as commander camel-cases the long flag', () => {
    expectTypeOf<Values>().toEqualTypeOf<{
      eventType: string | undefined;
      url: string;
      data: string | undefined;
      yes: boolean;
      verify: boolean;
      param: string[];
      maxBody: string;
      numbers: 'as-sent' | 'normalized' | undefined;
      product: 'checks' | 'checks-plus';
    }>();
  });

  it('makes a misspelt option a type error (tsc checks this file), and definitions that lost their literal flags give no keys', () => {
    defineCommand({
      path: ['typo'],
      summary: 'typo',
      examples: [],
      options: [{ flags: '--event-type <type>', description: 'the event type' }],
      async run({ opts }) {
        expectTypeOf(opts.eventType).toEqualTypeOf<string | undefined>();
        // @ts-expect-error: the option is --event-type
        void opts.eventTyp;
      },
    });
    // Flags typed `string` give no key to read.
    expectTypeOf<keyof OptionValues<readonly OptionSpec[]>>().toBeNever();
  });

  it('hands run the values the types describe: flags false, lists empty, defaults filled; no global option', async () => {
    expect(await parse(['--url', 'https://example.com', '--json'])).toStrictEqual<Values>({
      eventType: undefined,
      url: 'https://example.com',
      data: undefined,
      yes: false,
      verify: true,
      param: [],
      maxBody: '1024',
      numbers: undefined,
      product: 'checks',
    });
    const given = ['-d', '@body.json', '--event-type', 'BOOKING', '-y', '--no-verify', '--param', 'a=1', '--param', 'b=2', '--numbers', 'normalized'];
    expect(await parse(['--url', 'u', ...given, '--max-body', '9', '--product', 'checks-plus'])).toStrictEqual<Values>({
      eventType: 'BOOKING',
      url: 'u',
      data: '@body.json',
      yes: true,
      verify: false,
      param: ['a=1', 'b=2'],
      maxBody: '9',
      numbers: 'normalized',
      product: 'checks-plus',
    });
  });

  it('refuses a missing required option before run, naming it, and marks it in help', async () => {
    const missing = await parse(['--event-type', 'BOOKING']).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(UsageError);
    expect(missing).toMatchObject({ message: '--url is required.', hint: 'Add --url <url>.' });
    const consent = [{ flags: '--event-type <type>', description: 'the consent', choices: ['APPROVED', 'REJECTED'], required: true }] as const;
    await expect(parse([], consent)).rejects.toMatchObject({ message: '--event-type is required.', hint: 'Add --event-type <APPROVED|REJECTED>.' });
    expect(await help()).toMatch(/ {2}--url <url> +a value the command needs \(required\)\n/);
  });
});

/** The options `run` receives for `argv`. */
async function parse(argv: string[], definitions: readonly OptionSpec[] = options): Promise<unknown> {
  let received: unknown;
  const spec = defineCommand({ path: ['probe'], summary: 'probe', examples: [], options: definitions, run: async ({ opts }) => void (received = opts) });
  await buildProgram(context().ctx, [spec]).parseAsync(['probe', ...argv], { from: 'user' });
  return received;
}

async function help(): Promise<string> {
  const { ctx, stdout } = context();
  const spec = defineCommand({ path: ['probe'], summary: 'probe', examples: [], options, run: async () => {} });
  await buildProgram(ctx, [spec])
    .parseAsync(['probe', '--help'], { from: 'user' })
    .catch(() => {});
  return stdout.text;
}

function context(): { ctx: Context; stdout: { text: string } } {
  const stdout = { isTTY: false, text: '', write: (chunk: string) => ((stdout.text += chunk), true) };
  const sink: OutStream = { isTTY: false, write: () => true };
  const ctx: Context = {
    streams: { stdin: Readable.from([]) as unknown as InStream, stdout, stderr: sink },
    env: { FINTECH_CLI_CONFIG_DIR: '/nonexistent/fintech-cli-spec-test' },
    cwd: process.cwd(),
    now: () => Date.UTC(2026, 10, 25, 12),
    version: '0.0.0-test',
    signal: new AbortController().signal,
  };
  return { ctx, stdout };
}
