import { once } from 'node:events';
import { isLoopbackHostname } from '../core/loopback.js';
import { escapeControlChars } from '../core/terminal-text.js';
import type { EmulatorEvent } from '../emulator/types.js';
import { DEFAULT_EMULATOR_URL } from '../environments.js';
import { UsageError } from '../errors.js';
import type { RunContext } from '../run-context.js';
import { defineCommand } from './spec.js';

const defaults = new URL(DEFAULT_EMULATOR_URL);

/** `fintech-cli emulator`: serves until Ctrl-C; the emulator itself is imported only here, never for other commands. */
export default defineCommand({
  path: ['emulator'],
  summary: 'Run a local emulator of Solaris, finAPI and Soldo, with demo credentials',
  description:
    'Run a local emulator of Solaris, finAPI and Soldo on one port, with built-in demo credentials; state lives in memory. ' +
    'Other commands reach it with --emulator (FINTECH_CLI_EMULATOR_URL if not on the default address). ' +
    'Its inspector, a web page at / of its address, shows the requests, webhook deliveries, GiroIdent checks and Soldo wallets live. ' +
    'With --json, prints one JSON object per line: "listening" first (with the inspector\'s address), then every request, webhook delivery and "contract" event ' +
    '(a request that departs from the provider\'s published API description, answered 400 as the provider would). See docs/emulator.md.',
  options: [
    { flags: '--port <n>', description: 'port to listen on; 0 picks a free one', defaultValue: defaults.port },
    { flags: '--host <addr>', description: 'address to listen on; on a loopback address only loopback Host names are answered (another address warns: it serves the network)', defaultValue: defaults.hostname },
    { flags: '--soldo-public-key <file>', description: 'Soldo: verify request signatures with this public key (PEM) instead of the demo key' },
    { flags: '--retry-interval <ms>', description: 'Solaris webhooks: base of the retry schedule, doubled per retry (default 30000)' },
    { flags: '--token-ttl <s>', description: 'lifetime of issued access tokens in seconds (default 3600)' },
  ],
  examples: [
    'fintech-cli emulator',
    'fintech-cli emulator --port 0 --json | head -n 1',
    'fintech-cli emulator --retry-interval 100 --token-ttl 60',
    'fintech-cli webhooks list --emulator',
  ],
  async run({ opts }, cx) {
    const port = wholeNumber(opts.port, '--port', 0, 65_535);
    const { host } = opts;
    const retryIntervalMs = wholeNumber(opts.retryInterval, '--retry-interval', 0, 86_400_000);
    const tokenTtlSeconds = wholeNumber(opts.tokenTtl, '--token-ttl', 1, 31_536_000);
    const keyFile = opts.soldoPublicKey;
    const soldoPublicKeyPem = keyFile === undefined ? undefined : await readPublicKeyPem(keyFile);

    // Events that arrive before the `listening` line is out wait, so that line is always the first.
    const early: EmulatorEvent[] = [];
    let print: ((event: EmulatorEvent) => void) | undefined;
    const { startEmulator } = await import('../emulator/server.js');
    const emulator = await startEmulator({
      port,
      host,
      retryIntervalMs,
      tokenTtlSeconds,
      soldoPublicKeyPem,
      now: cx.now,
      onEvent: (event) => (print === undefined ? early.push(event) : print(event)),
    }).catch((error: unknown) => {
      throw listenError(error, host, port);
    });

    if (cx.globals.json) {
      print = (event) => cx.io.out(`${JSON.stringify(event)}\n`);
      print({ type: 'listening', url: emulator.url, inspector: emulator.inspectorUrl, credentials: emulator.credentials });
    } else {
      print = (event) => cx.io.info(humanLine(event, cx));
      banner(emulator, cx);
    }
    early.splice(0).forEach(print);
    if (!isLoopbackHostname(host)) {
      cx.io.warn(`listening on ${host}: other machines can reach the emulator, and its demo credentials and admin routes are public. Use 127.0.0.1 unless you need that.`);
    }

    if (!cx.signal.aborted) await once(cx.signal, 'abort');
    await emulator.close();
    if (!cx.globals.json) cx.io.info('Emulator stopped.');
  },
});

/** An optional whole-number option within bounds; a usage error naming the flag otherwise. */
function wholeNumber(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new UsageError(`Invalid ${flag} "${text}".`, { hint: `Give a whole number from ${min} to ${max}.` });
  }
  return value;
}

/** The key is checked now, with the same loader `soldo verify` uses, so a bad file fails at start-up (exit 2). */
async function readPublicKeyPem(file: string): Promise<string> {
  const { loadPublicKeyFile } = await import('../providers/soldo/signing.js');
  const key = await loadPublicKeyFile(file);
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

function listenError(error: unknown, host: string, port: number | undefined): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${host}:${port ?? defaults.port}`;
  if (code === 'EADDRINUSE') {
    return new UsageError(`Cannot listen on ${where}: the port is in use (another emulator?).`, {
      code: 'port_in_use',
      hint: 'Stop what uses it, or pick another port: --port 0 takes any free one (then point FINTECH_CLI_EMULATOR_URL at it).',
      cause: error,
    });
  }
  if (code === 'EADDRNOTAVAIL' || code === 'EACCES' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new UsageError(`Cannot listen on ${where} (${code}).`, {
      code: 'listen_failed',
      hint: 'Use a local address such as 127.0.0.1, and a port above 1023.',
      cause: error,
    });
  }
  return error;
}

function banner({ url, inspectorUrl, credentials }: { url: string; inspectorUrl: string; credentials: Record<string, Record<string, string>> }, cx: RunContext): void {
  const { bold, dim } = cx.io.errStyle;
  const envHint = url === DEFAULT_EMULATOR_URL ? '' : `, with FINTECH_CLI_EMULATOR_URL=${url}`;
  cx.io.info(`${bold('fintech-cli emulator')} listening on ${bold(url)}`);
  cx.io.info(`Inspector: ${bold(inspectorUrl)} (requests, webhooks, GiroIdent, Soldo, faults; live)`);
  cx.io.info(dim('  Solaris /solaris/auth, /solaris/api · finAPI /finapi/access, /finapi/process, /finapi/giroident · Soldo /soldo'));
  cx.io.info('Demo credentials (the emulator environment uses them by itself):');
  for (const [provider, values] of Object.entries(credentials)) {
    cx.io.info(`  ${provider.padEnd(8)}${Object.entries(values).map(([key, value]) => `${key}=${value}`).join('  ')}`);
  }
  cx.io.info(`Use it: fintech-cli <command> --emulator${envHint} (or FINTECH_CLI_ENV=emulator).`);
  cx.io.info(dim(`Admin: ${url}/_admin/health, /_admin/log, /_admin/deliveries, /_admin/faults (docs/emulator.md). Ctrl-C stops.`));
}

/** One line of talk per event: `12:00:01 POST /solaris/auth/oauth2/token 201 3 ms`. */
function humanLine(event: EmulatorEvent, cx: RunContext): string {
  const { dim, red, yellow, green } = cx.io.errStyle;
  const time = dim(new Date(cx.now()).toTimeString().slice(0, 8));
  const status = (value: unknown) => {
    if (typeof value !== 'number') return red('no answer');
    const text = String(value);
    return value >= 500 ? red(text) : value >= 400 ? yellow(text) : green(text);
  };
  switch (event.type) {
    case 'request':
      return `${time} ${String(event.method)} ${String(event.path)} ${status(event.status)} ${dim(`${String(event.ms)} ms`)}${event.fault === undefined ? '' : yellow(` (fault: ${String(event.fault)})`)}`;
    case 'delivery':
      return `${time} ${dim('webhook')} ${String(event.event_type)} → ${String(event.url)} attempt ${String(event.attempt)}: ${event.error === undefined ? status(event.status) : red(String(event.error))} ${String(event.outcome)}`;
    case 'webhook_check':
      return `${time} ${dim('webhook check')} → ${String(event.url)}: ${event.error === undefined ? status(event.status) : red(String(event.error))}`;
    case 'contract':
      // The message quotes what the client sent: control characters are shown, never obeyed.
      return `${time} ${yellow('contract')} ${String(event.method)} ${String(event.path)}: ${escapeControlChars(String(event.message)).replace(/[\n\t]/g, ' ')} ${dim(`(${String(event.spec)})`)}`;
    case 'error':
      return `${time} ${red('error')} ${String(event.message).split('\n')[0] ?? ''}`;
    default:
      return `${time} ${JSON.stringify(event)}`;
  }
}
