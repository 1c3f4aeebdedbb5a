/**
 * The real @inquirer/prompts questions on a fake terminal: keys are written to a stdin that says it is a TTY, so
 * Ctrl-C and Ctrl-D go through readline exactly as on a real one.
 */
import { PassThrough } from 'node:stream';
import { MockAgent } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../test/helpers/run-cli.js';
import type { Prompter } from './prompter.js';
import { CliError, exitCodeFor } from '../errors.js';
import { inquirerPrompter } from './prompter.js';

function fakeTerminal() {
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => input });
  const output = Object.assign(new PassThrough(), { isTTY: true, columns: 80 });
  output.resume();
  return { input, output };
}

/** Asks `ask`, then types `keys` once the question is drawn. */
async function answer<T>(ask: (prompter: Prompter) => Promise<T>, keys: string | null, signal = new AbortController().signal) {
  const terminal = fakeTerminal();
  const asked = ask(inquirerPrompter(signal, terminal)).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  if (keys === null) terminal.input.end();
  else terminal.input.write(keys);
  return asked;
}

describe('inquirerPrompter', () => {
  it('returns the answer typed', async () => {
    expect(await answer((p) => p.confirm({ message: 'Delete?' }), 'y\r')).toEqual({ value: true });
  });

  it('Ctrl-C at a question is an interruption: exit 130', async () => {
    const { error } = (await answer((p) => p.confirm({ message: 'Delete?' }), '\x03')) as { error: CliError };
    expect(error).toBeInstanceOf(CliError);
    expect([error.kind, error.code, error.message, exitCodeFor(error)]).toEqual(['interrupted', 'interrupted', 'Interrupted at the question.', 130]);
  });

  it.for([
    ['Ctrl-D at a confirmation', (p: Prompter): Promise<unknown> => p.confirm({ message: 'Delete?' }), '\x04'],
    ['Ctrl-D at an input', (p: Prompter): Promise<unknown> => p.input({ message: 'Client id' }), '\x04'],
    ['the end of the input at a password', (p: Prompter): Promise<unknown> => p.password({ message: 'Secret' }), null],
  ] as const)('%s is a cancellation (code cancelled, exit 130), not an answer', async ([, ask, keys]) => {
    const { error } = (await answer(ask, keys)) as { error: CliError };
    expect(error).toBeInstanceOf(CliError);
    expect([error.kind, error.code, error.message, exitCodeFor(error)]).toEqual(['interrupted', 'cancelled', 'Cancelled: the question was closed without an answer.', 130]);
    expect(error.hint).toMatch(/^Nothing was done\./);
  });

  it("the run's own Ctrl-C (its abort signal) is an interruption", async () => {
    const controller = new AbortController();
    const asked = answer((p) => p.confirm({ message: 'Delete?' }), '', controller.signal);
    controller.abort();
    const { error } = (await asked) as { error: CliError };
    expect([error.kind, exitCodeFor(error)]).toEqual(['interrupted', 130]);
  });
});

describe('a command asking on a terminal', () => {
  it.for([
    ['Ctrl-C', '\x03', 'error: Interrupted at the question.\nNothing was done.\n'],
    ['Ctrl-D', '\x04', 'error: Cancelled: the question was closed without an answer.\nNothing was done. Run the command again to answer, or give the answer with its flags (see --help).\n'],
  ] as const)('%s at "Delete the production webhook?" exits 130, says so, and deletes nothing', async ([, keys, stderr]) => {
    const config = await tempConfig();
    const agent = new MockAgent();
    agent.disableNetConnect(); // no interceptor: any request would fail the run with exit 5
    const terminal = fakeTerminal();
    setTimeout(() => terminal.input.write(keys), 100);
    const prompter = inquirerPrompter(new AbortController().signal, terminal);
    const env = { ...config.env, NO_COLOR: '1', FINTECH_CLI_SOLARIS_CLIENT_ID: 'c', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 's' };
    const result = await runCli(['webhooks', 'delete', 'wh-1', '--production'], { env, tty: true, prompter, dispatcher: agent });
    expect(result).toEqual({ code: 130, stdout: '', stderr });
    await agent.close();
    await config.cleanup();
  });
});
