/** What `request` prints: answers like curl (`-i`: status line and headers first), and requests it did not send. */
import { STATUS_CODES } from 'node:http';
import { describeJsonError, prettyJson } from '../../core/json-text.js';
import { splitBySecrets, withEncodings } from '../../core/redact.js';
import { scopeFlags } from '../../core/scope-flags.js';
import { escapeControlChars } from '../../core/terminal-text.js';
import { terminalSafe } from '../../io/terminal-safe.js';
import type { Globals } from '../../globals.js';
import type { HttpRequest, HttpResponse } from '../../http/client.js';
import { curlEnvVars, toCurl } from '../../http/curl.js';
import type { Io } from '../../io/io.js';
import type { ProviderId } from '../../environments.js';
import { tokenVariable } from '../../providers/api-client.js';
import type { DescribedRequest } from '../../providers/raw-request.js';

/** `HTTP/1.1 200 OK`, the headers, a blank line: what `curl -i` shows before the body. */
export function printHead(io: Io, res: HttpResponse): void {
  const status = `HTTP/1.1 ${res.status} ${STATUS_CODES[res.status] ?? ''}`.trimEnd();
  const head = [status, ...Object.entries(res.headers).map(([name, value]) => `${name}: ${value}`)].join('\n');
  io.out(`${terminalSafe(io.streams.stdout)(head)}\n\n`);
}

/**
 * Indented JSON on a terminal, its control characters shown escaped (an answer must not clear the screen or write
 * the clipboard); piped, the body as received, so `| jq` and `> file` get the provider's bytes.
 */
export function printBody(io: Io, text: string): void {
  if (text === '') return;
  if (!io.stdoutIsTTY) {
    io.out(text);
    return;
  }
  const shown = escapeControlChars(describeJsonError(text) === undefined ? prettyJson(text) : text);
  io.out(shown.endsWith('\n') ? shown : `${shown}\n`);
}

/** `--dry-run`: the request as JSON, every secret, in whatever encoding it is sent, as a `$VARIABLE` reference. */
export function printDryRun(io: Io, request: HttpRequest): void {
  const secrets = withEncodings(request.secrets ?? []);
  const reference = (text: string) =>
    splitBySecrets(text, secrets)
      .map((part) => (typeof part === 'string' ? part : `$${part.envVar}`))
      .join('');
  const headers: Record<string, string> = {};
  if (request.basicAuth !== undefined) {
    headers.Authorization = `Basic base64(${reference(`${request.basicAuth.username}:${request.basicAuth.password}`)})`;
  }
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name] = reference(value);
  const body = request.body === undefined ? null : reference(typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8'));
  io.json({ method: request.method, url: reference(request.url), headers, body });
}

export function printCurl(io: Io, request: HttpRequest): void {
  io.out(`${toCurl(request)}\n`);
}

export interface Scope {
  provider: ProviderId;
  globals: Globals;
  user?: string;
}

/** On stderr: the variables the shown request reads and how to set each, and how long a Soldo signature lasts. */
export function noteVariables(io: Io, described: DescribedRequest, scope: Scope): void {
  const variables = curlEnvVars(described.request);
  if (variables.length > 0) io.info(`# Set ${variables.length === 1 ? 'this variable' : 'these variables'} first:`);
  for (const variable of variables) io.info(`export ${variable}=${howToSet(variable, scope)}`);
  if (described.requestTimestamp !== undefined) {
    io.info(
      `# The Soldo signature covers request_timestamp ${described.requestTimestamp}, which Soldo refuses 5 seconds later: ` +
        'run the command at once, or create it again.',
    );
  }
}

function howToSet(variable: string, { provider, globals, user }: Scope): string {
  const scope = scopeFlags(globals.profile, globals.environment);
  if (variable === tokenVariable(provider)) return `"$(fintech-cli auth token ${provider}${user === undefined ? '' : ` --user ${user}`}${scope})"`;
  const key = variable.slice(`FINTECH_CLI_${provider.toUpperCase()}_`.length).toLowerCase();
  return `'…'  # your ${provider} ${key} (${globals.environment}, profile ${globals.profile})`;
}
