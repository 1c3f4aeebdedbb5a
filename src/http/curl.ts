/**
 * `--curl`: the request as a copy-pasteable POSIX-shell curl command. Secret values never appear in it:
 * each becomes a `"$VAR"` reference to the environment variable the user keeps it in.
 */
import { FORM_CONTENT_TYPE, headerValue, mediaType } from '../core/headers.js';
import { splitBySecrets, withEncodings } from '../core/redact.js';
import { shellWord } from '../core/shell-word.js';
import { decodeUtf8 } from '../core/utf8.js';
import type { HttpRequest, SecretRef } from './client.js';

/** The command, over several lines joined with ` \` continuations. */
export function toCurl(req: HttpRequest): string {
  return renderCurl(req).command;
}

/** The environment variables the command of `toCurl` reads, in order of first use. */
export function curlEnvVars(req: HttpRequest): string[] {
  return renderCurl(req).envVars;
}

function renderCurl(req: HttpRequest): { command: string; envVars: string[] } {
  const raw = req.secrets ?? [];
  // Every encoding of a secret becomes its variable too: the command may be wrong then (the variable holds the raw
  // value), but it never shows the secret. Form fields, the common case, are made right with --data-urlencode.
  const secrets = withEncodings(raw);
  const envVars = new Set<string>();
  const encodedVars = new Set<string>();
  const word = (value: string): string => {
    const parts = splitBySecrets(value, secrets);
    for (const part of parts) if (typeof part !== 'string' && part.encoded) encodedVars.add(part.envVar);
    return wordWithSecrets(parts, envVars);
  };

  const method = req.method.toUpperCase();
  // `--request HEAD` would make curl wait for a body that never comes.
  const args = [method === 'HEAD' ? '--head' : `--request ${word(method)}`];
  // curl expands [] and {} in URLs as globs; Solaris' page[number] must go out as written.
  if (/[[\]{}]/.test(req.url)) args.push('--globoff');
  args.push(`--url ${word(req.url)}`);
  if (req.basicAuth !== undefined) args.push(`--user ${word(`${req.basicAuth.username}:${req.basicAuth.password}`)}`);
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    // `Name:` would make curl drop the header; `Name;` sends it empty.
    args.push(`--header ${word(value === '' ? `${name};` : `${name}: ${value}`)}`);
  }

  const notes: string[] = [];
  if (req.body !== undefined) {
    // Without this curl adds its own Content-Type: application/x-www-form-urlencoded.
    if (!Object.keys(req.headers ?? {}).some((name) => name.toLowerCase() === 'content-type')) {
      args.push(`--header 'Content-Type:'`);
    }
    const text = typeof req.body === 'string' ? req.body : decodeUtf8(req.body);
    if (text === undefined || text.includes('\0')) {
      // A shell argument cannot carry these bytes.
      notes.push(`# the body is ${req.body.length} bytes of binary data: pipe them into this command's standard input`);
      args.push('--data-binary @-');
    } else if (isForm(req.headers) && text.split('&').some((pair) => holdsSecret(formField(pair)[1], raw))) {
      args.push(...formArgs(text, raw, word));
    } else {
      // --data-binary would read a file for a body starting with @; --data-raw sends it as is.
      args.push(`${text.startsWith('@') ? '--data-raw' : '--data-binary'} ${word(text)}`);
    }
  }
  for (const envVar of encodedVars) {
    notes.push(`# here $${envVar} must hold the value as this request carries it: percent-encoded or JSON-escaped`);
  }
  return { command: [...notes, `curl ${args.join(' \\\n  ')}`].join('\n'), envVars: [...envVars] };
}

/** A form body, or one without a type (a token request made by `request` may have none: it is still a form). */
function isForm(headers: Readonly<Record<string, string>> | undefined): boolean {
  const type = headerValue(headers ?? {}, 'content-type');
  return type === undefined || mediaType(type) === FORM_CONTENT_TYPE;
}

/** A `name=value` pair of a form body: the name as written, the value decoded. */
function formField(pair: string): [string, string] {
  const eq = pair.indexOf('=');
  return eq === -1 ? [pair, ''] : [pair.slice(0, eq), new URLSearchParams(`v=${pair.slice(eq + 1)}`).get('v') ?? ''];
}

/**
 * A form body whose fields hold secrets: curl encodes each such field from its variable (`--data-urlencode
 * "client_secret=$VAR"`), whatever characters the secret has; the other fields go as written. curl joins them with `&`.
 */
function formArgs(body: string, secrets: readonly SecretRef[], word: (value: string) => string): string[] {
  const args: string[] = [];
  let plain: string[] = [];
  const flush = () => {
    if (plain.length > 0) args.push(`--data-raw ${word(plain.join('&'))}`);
    plain = [];
  };
  for (const pair of body.split('&')) {
    const [name, value] = formField(pair);
    // curl would read a file for `name@…`, and send `=content` without a name.
    if (name === '' || name.includes('@') || !holdsSecret(value, secrets)) {
      plain.push(pair);
    } else {
      flush();
      args.push(`--data-urlencode ${word(`${name}=${value}`)}`);
    }
  }
  flush();
  return args;
}

function holdsSecret(text: string, secrets: readonly SecretRef[]): boolean {
  return splitBySecrets(text, secrets).some((part) => typeof part !== 'string');
}

/**
 * One shell word: secrets as variable references inside double quotes, literal text single-quoted unless it
 * can sit safely in the double quotes (no `$`, backquote, `"`, `\`, or `!` that interactive bash expands).
 */
function wordWithSecrets(parts: readonly (string | SecretRef)[], envVars: Set<string>): string {
  if (parts.every((part) => typeof part === 'string')) return shellWord(parts.join(''));
  let word = '';
  let doubleQuoted: string | undefined;
  const closeDoubleQuotes = (): void => {
    if (doubleQuoted !== undefined) word += `"${doubleQuoted}"`;
    doubleQuoted = undefined;
  };
  parts.forEach((part, i) => {
    if (typeof part !== 'string') {
      envVars.add(part.envVar);
      const next = parts[i + 1];
      // `$VARx` would name another variable: brace the name when a name character follows.
      const ref = typeof next === 'string' && /^\w/.test(next) ? `\${${part.envVar}}` : `$${part.envVar}`;
      doubleQuoted = (doubleQuoted ?? '') + ref;
    } else if (/[$`"\\!]/.test(part)) {
      closeDoubleQuotes();
      word += shellWord(part);
    } else {
      doubleQuoted = (doubleQuoted ?? '') + part;
    }
  });
  closeDoubleQuotes();
  return word;
}

