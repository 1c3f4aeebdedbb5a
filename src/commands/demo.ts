import type { DemoEvent, DemoResult } from '../demo/events.js';
import { guardedName, isProductionLike } from '../config/custom-environments.js';
import { CliError, UsageError } from '../errors.js';
import type { Io } from '../io/io.js';
import { renderTable } from '../output/table.js';
import { defineCommand } from './spec.js';

/** `fintech-cli demo`: the tour is the result, so it goes to stdout; the engine (and the emulator) load only here. */
export default defineCommand({
  path: ['demo'],
  summary: 'A guided tour against an in-process emulator: tokens, a verified webhook, GiroIdent, signed Soldo requests',
  description:
    'Start an emulator of Solaris, finAPI and Soldo in this process, on a free loopback port, with a temporary config ' +
    'directory (your own settings and tokens are neither read nor changed), and walk through the main job with the ' +
    'code of the real commands: an access token from each provider; a webhook subscription to a local listener, an ' +
    'event the emulator delivers and the listener verifies; a GiroIdent process and check; a Soldo fingerprint, a ' +
    'signed request accepted and a wrong one answered INVALID_FINGERPRINT and explained. Each step shows the command ' +
    'that does the same against "fintech-cli emulator" in another terminal. Needs no credentials and no network. ' +
    'Exits non-zero, naming the step, when one fails, so it doubles as a self-test. --json prints a transcript: ' +
    '{steps: [{name, ok, detail, command}], ok}.',
  examples: [
    'fintech-cli demo',
    'fintech-cli demo --json | jq -r \'.steps[] | "\\(.ok)\\t\\(.name)"\'',
    'fintech-cli demo --verbose 2> http-trace.txt',
  ],
  async run(_input, cx) {
    // The demo never leaves its own emulator; asking for production is a mistake worth saying so.
    if (await isProductionLike(cx)) {
      const env = cx.globals.environment;
      throw new UsageError(`The demo runs only against its own in-process emulator; it never uses ${guardedName(env)}.`, {
        code: 'production_refused',
        hint: `Run it without --env ${env} (or --production), and without FINTECH_CLI_ENV=${env}.`,
      });
    }
    const { runDemo } = await import('../demo/run-demo.js');
    const result = await runDemo(cx, (event) => {
      if (!cx.globals.json) renderEvent(cx.io, event);
    });
    if (cx.globals.json) {
      cx.io.json({ steps: result.steps.map(({ name, ok, detail, command }) => ({ name, ok, detail, command })), ok: result.ok });
    }
    if (result.failure !== undefined) throw failed(result.failure);
    if (!cx.globals.json) {
      cx.io.out(`\nAll ${result.steps.length} steps passed. Try them yourself: run "fintech-cli emulator" in another terminal, then the commands above.\n`);
    }
  },
});

const INDENT = '   ';

function renderEvent(io: Io, event: DemoEvent): void {
  const { bold, cyan, dim, green, red } = io.outStyle;
  if (event.type === 'started') {
    io.out(`${bold('fintech-cli demo')}: ${event.steps} steps with Solaris, finAPI and Soldo, against an emulator started in this process\n`);
    io.out(`(${event.emulatorUrl}) and a temporary config directory: your own settings and tokens are neither read nor changed.\n`);
    return;
  }
  const { report, index } = event;
  io.out(`\n${report.ok ? green('✓') : red('✗')} ${dim(`${index}.`)} ${bold(report.name)}\n`);
  if (report.table !== undefined) renderTable(indented(io), report.table.head, report.table.rows);
  for (const line of report.detail) io.out(`${INDENT}${line}\n`);
  io.out(`${INDENT}${cyan(`$ ${report.command}`)}\n`);
}

/** The same Io with every stdout line indented under its step, and tables aligned even when piped: machines read --json. */
function indented(io: Io): Io {
  return { ...io, stdoutIsTTY: true, out: (text) => io.out(text.replace(/^(?=.)/gm, INDENT)) };
}

/** Exit code of what the step threw (network 5, auth 4, …), or 1; the step's own lines above say why. */
function failed(failure: NonNullable<DemoResult['failure']>): CliError {
  const kind = failure.error instanceof CliError ? failure.error.kind : 'internal';
  return new CliError(kind, `The demo failed at step ${failure.index}, "${failure.name}".`, {
    code: failure.error instanceof CliError ? failure.error.code : 'demo_failed',
    hint: 'The step above says why. Run again with --verbose to trace every HTTP exchange, and report it if it persists.',
  });
}
