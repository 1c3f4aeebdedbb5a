/**
 * `--curl`: the request as a copy-pasteable POSIX-shell curl command. Secret values never appear in it:
 * each becomes a `"$VAR"` reference to the environment variable the user keeps it in.
 */
import { splitBySecrets } from '../core/redact.js';
import type { HttpRequest, SecretRef } from './client.js';

/** The command, over several lines joined with ` \` continuations. */
export function toCurl(req: HttpRequest): string {
  return renderCurl(req).command;
}

/** The environment variables the command of `toCurl` reads, in order of first use. */
export function curlEnvVars(req: HttpRequest): string[] {
  return renderCurl(req).envVars;
}

/** The text of UTF-8 bytes, or undefined when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function renderCurl(req: HttpRequest): { command: string; envVars: string[] } {
  const secrets = req.secrets ?? [];
  const envVars = new Set<string>();
  const word = (value: string): string => shellWord(splitBySecrets(value, secrets), envVars);

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
    } else {
      // --data-binary would read a file for a body starting with @; --data-raw sends it as is.
      args.push(`${text.startsWith('@') ? '--data-raw' : '--data-binary'} ${word(text)}`);
    }
  }
  return { command: [...notes, `curl ${args.join(' \\\n  ')}`].join('\n'), envVars: [...envVars] };
}

/**
 * One shell word: secrets as variable references inside double quotes, literal text single-quoted unless it
 * can sit safely in the double quotes (no `$`, backquote, `"`, `\`, or `!` that interactive bash expands).
 */
function shellWord(parts: readonly (string | SecretRef)[], envVars: Set<string>): string {
  if (parts.every((part) => typeof part === 'string')) return quoteLiteral(parts.join(''));
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
      word += quoteLiteral(part);
    } else {
      doubleQuoted = (doubleQuoted ?? '') + part;
    }
  });
  closeDoubleQuotes();
  return word;
}

/**
 * Words of plain characters stay bare (`POST`); anything else is single-quoted, `'` written as `'\\''`.
 * `=` is not plain: zsh expands a word that starts with it.
 */
function quoteLiteral(s: string): string {
  return /^[\w.,:/@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
