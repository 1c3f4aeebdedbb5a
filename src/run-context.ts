import type { Context } from './context.js';
import type { Prompter } from './io/prompter.js';
import type { ProviderId } from './environments.js';
import { UsageError } from './errors.js';
import type { Globals } from './globals.js';
import type { HttpClient } from './http/client.js';
import { createIo, type Io } from './io/io.js';
import { configDir } from './config/paths.js';
import { createRedactor } from './core/redact.js';
import { terminalSafe } from './io/terminal-safe.js';
import { createProviderSession, type ProviderSession } from './providers/session.js';

/** A Context with this run's global options, its Io, and lazily built heavy services. */
export interface RunContext extends Context {
  globals: Globals;
  io: Io;
  configDir: string;
  /** The one HTTP client of this run (undici is imported on first use). */
  http(): Promise<HttpClient>;
  /** A provider's session in this run: its credentials (read once), calls and tokens. */
  provider(id: ProviderId): ProviderSession;
  /** Asks questions on a terminal; a usage error naming `alternative` when it cannot. */
  prompterOr(alternative: string): Promise<Prompter>;
  /** Releases what the run opened (HTTP connections), so the process exits promptly. */
  dispose(): Promise<void>;
}

export function createRunContext(ctx: Context, globals: Globals): RunContext {
  const io = createIo(ctx.streams, { json: globals.json, noColor: globals.noColor, input: globals.input, env: ctx.env });
  let client: Promise<HttpClient> | undefined;
  const sessions = new Map<ProviderId, ProviderSession>();
  // The client masks the secrets its requests carry; the trace also masks those read from stdin (a server may echo
  // a password it was sent in a field of another name) and, on a terminal, escapes what answers hold.
  const traceShown = (line: string) => terminalSafe(ctx.streams.stderr)(createRedactor([...(ctx.secrets ?? [])]).text(line));
  const cx: RunContext = {
    ...ctx,
    globals,
    io,
    configDir: configDir(ctx.env, ctx.cwd),
    http() {
      client ??= import('./http/client.js').then(({ createHttpClient }) =>
        createHttpClient({
          env: ctx.env,
          userAgent: `fintech-cli/${ctx.version}`,
          timeoutMs: globals.timeoutMs,
          maxRetries: globals.retries,
          dispatcher: ctx.dispatcher,
          signal: ctx.signal,
          trace: globals.verbose ? (line) => io.info(io.errStyle.dim(traceShown(line))) : undefined,
        }),
      );
      return client;
    },
    provider(id) {
      let session = sessions.get(id);
      if (session === undefined) sessions.set(id, (session = createProviderSession(cx, id)));
      return session;
    },
    async prompterOr(alternative) {
      if (!io.canPrompt()) {
        const why = globals.input ? 'no terminal is attached' : '--no-input is set';
        throw new UsageError(`Cannot ask for input: ${why}.`, { hint: alternative });
      }
      if (ctx.prompter) return ctx.prompter;
      const { inquirerPrompter } = await import('./io/prompter.js');
      return inquirerPrompter(ctx.signal);
    },
    async dispose() {
      if (client) await (await client).close();
    },
  };
  return cx;
}
