import { isSafeMethod, mayHaveBeenCarriedOut } from '../core/write-safety.js';
import { createRedactor } from '../core/redact.js';
import type { ProviderId } from '../environments.js';
import { ApiError, AuthError, type CliError } from '../errors.js';
import type { HttpResponse } from '../http/client.js';
import { descriptors } from './descriptors.js';

/**
 * The error an answer carries, in plain words, from whichever of the providers' formats it uses:
 * Solaris `{errors:[{id,code,title,detail}]}`, finAPI `{errors:[{code,message}]}`, OAuth
 * `{error,error_description}`, Soldo `{error_code,message}`, GiroIdent v2 `{error-code,error-message}`, and the `{title,detail}` of RFC 9457 problem details.
 * `bare`: the body says nothing in such a format (plain text, an empty body, an error entry without words), so the
 * status line must say what happened.
 */
export function describeErrorBody(body: Buffer): { text: string; code?: string; bare?: true } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    const raw = body.toString('utf8').replace(/\s+/g, ' ').trim();
    return { text: raw === '' ? 'empty body' : raw.length > 200 ? `${raw.slice(0, 200)}…` : raw, bare: true };
  }
  const record = isRecord(parsed) ? parsed : {};
  if (Array.isArray(record.errors) && record.errors.length > 0) {
    const entries = record.errors.filter(isRecord);
    const described = entries.map((e) => {
      const words = [str(e.title), str(e.detail) ?? str(e.message)].filter((w) => w !== undefined).join(': ');
      const tags = [str(e.code) && `code ${str(e.code)}`, str(e.id) && `id ${str(e.id)}`].filter(Boolean).join(', ');
      return { words, text: tags === '' ? words : words === '' ? `no message (${tags})` : `${words} (${tags})` };
    });
    const text = described.map((d) => d.text).join('; ');
    const code = str(entries[0]?.code);
    if (described.every((d) => d.words === '')) return { text: text === '' ? 'no message' : text, code, bare: true };
    return { text, code };
  }
  if (typeof record['error-code'] === 'string') {
    const message = str(record['error-message']);
    return { text: message === undefined ? record['error-code'] : `${message} (code ${record['error-code']})`, code: record['error-code'] };
  }
  if (typeof record.error === 'string') {
    const description = str(record.error_description);
    return { text: description === undefined ? record.error : `${record.error}: ${description}`, code: record.error };
  }
  if (typeof record.error_code === 'string') {
    return { text: `${record.error_code}: ${str(record.message) ?? ''}`.replace(/: $/, ''), code: record.error_code };
  }
  const problem = [str(record.title), str(record.detail)].filter((w) => w !== undefined).join(': ');
  if (problem !== '') return { text: problem };
  // Another shape: shown with credential fields masked, as --verbose shows it (it may be an echo of the request).
  return { text: createRedactor([]).body('application/json', body.toString('utf8')).slice(0, 200) };
}

/** Reason phrases (RFC 9110) of the statuses servers commonly answer errors with, for answers that give no words. */
const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** `500 Internal Server Error`, or the bare number for a status without a well-known phrase. */
export function statusLine(status: number): string {
  const phrase = reasonPhrases[status];
  return phrase === undefined ? String(status) : `${status} ${phrase}`;
}

export interface ErrorFromResponseOptions {
  /** A 401 (or OAuth's invalid_client/invalid_grant) means the credentials were refused: exit 4. */
  credentials?: boolean;
  /** The request's method: a write that is not safe to repeat says whether it may have been carried out. */
  method?: string;
}

/** Any method but a read may have changed something, and its failures must say what became of it. */
function isUnsafe(method: string | undefined): method is string {
  return method !== undefined && !isSafeMethod(method);
}

export interface AnswerOptions extends ErrorFromResponseOptions {
  /** Statuses the caller handles itself instead of getting an error; `'any'`: every answer is returned. */
  accept?: readonly number[] | 'any';
}

/** The answer when it is a 2xx or accepted, else the error it carries: the one place a provider's refusal becomes an error. */
export function acceptedAnswer(provider: ProviderId, what: string, res: HttpResponse, opts: AnswerOptions = {}): HttpResponse {
  const accepted = opts.accept === 'any' || opts.accept?.includes(res.status) === true;
  if ((res.status < 200 || res.status > 299) && !accepted) throw errorFromResponse(provider, what, res, opts);
  return res;
}

/** A non-2xx answer as the error to throw: 401 on a credentials request is an auth failure (exit 4). */
export function errorFromResponse(provider: ProviderId, what: string, res: HttpResponse, opts: ErrorFromResponseOptions = {}): CliError {
  const { text, code, bare } = describeErrorBody(res.body);
  const requestId = res.headers['x-request-id'];
  const message = `${descriptors[provider].name} answered ${bare ? statusLine(res.status) : res.status} to ${what}: ${text}${requestId ? ` [X-Request-Id ${requestId}]` : ''}${writeOutcome(opts.method, res)}`;
  if (opts.credentials && (res.status === 400 || res.status === 401) && isCredentialsProblem(res.status, code)) {
    return new AuthError(message, {
      code: 'auth_failed',
      status: res.status,
      provider,
      hint: 'Check the client id and secret for this environment: fintech-cli config get ' + provider,
    });
  }
  return new ApiError(message, {
    status: res.status,
    provider,
    code: code ?? 'api_error',
    hint: hintFor(opts.method, res.status),
  });
}

/**
 * For a POST, PUT, PATCH or DELETE, which the client does not send again: a 429 was refused before anything was done;
 * after a 5xx (a crash, a gateway that timed out) the provider may well have carried it out, so it must be checked,
 * not resent.
 */
function writeOutcome(method: string | undefined, res: HttpResponse): string {
  if (!isUnsafe(method)) return '';
  const upper = method.toUpperCase();
  if (res.status === 429) {
    const after = res.headers['retry-after']?.trim();
    return `; the ${upper} was refused and not carried out${after !== undefined && /^\d+$/.test(after) ? `: send it again in ${after} s` : ''}`;
  }
  if (res.status >= 500) return `; ${mayHaveBeenCarriedOut(upper)}`;
  return '';
}

function hintFor(method: string | undefined, status: number): string {
  if (status >= 500 && isUnsafe(method)) {
    return 'The provider had a problem; see whether the change was made (list or get it) before you try again.';
  }
  return status >= 500 ? 'The provider had a problem; try again later.' : 'Run again with --verbose to see the request and the answer.';
}

function isCredentialsProblem(status: number, code: string | undefined): boolean {
  return status === 401 || code === 'invalid_client' || code === 'invalid_grant' || code === 'unauthorized_client';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
