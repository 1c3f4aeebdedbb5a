import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Credentials } from '../../config/load-credentials.js';
import { describeFsError } from '../../config/json-store.js';
import type { SettingKey } from '../../core/credentials.js';
import type { FingerprintInput, FingerprintOptions } from '../../core/soldo/fingerprint.js';
import { UsageError } from '../../errors.js';
import { readAll } from '../../io/streams.js';
import type { SoldoOrder } from '../../providers/soldo/orders.js';
import { resolveRequest } from '../../providers/soldo/operation.js';
import { requireFingerprintToken } from '../../providers/soldo/signing.js';
import type { RunContext } from '../../run-context.js';
import { listOpt, type OptionSpec, stringOpt } from '../spec.js';

/** The options that describe a request to fingerprint, shared by `soldo fingerprint` and `soldo sign`. */
export const requestOptions: readonly OptionSpec[] = [
  { flags: '--url <url>', description: 'the request URL or path; its query string counts' },
  { flags: '--method <method>', description: 'HTTP method of --url (needed only when the path has several operations)' },
  { flags: '--operation <id>', description: 'the operation id instead of a URL (see soldo orders)' },
  { flags: '--param <name=value>', description: 'a path parameter or query field; repeatable', repeatable: true },
  { flags: '--data <json|@file|->', description: 'the request body exactly as sent (JSON or form), from a file with @, stdin with -' },
  { flags: '--token <token>', description: 'the fingerprint token (default: FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN or the config)' },
  { flags: '--list-separator <text>', description: 'between list items (Soldo does not document it; default: none)' },
  { flags: '--numbers <style>', description: 'JSON numbers as-sent (10.50) or normalized (10.5)', choices: ['as-sent', 'normalized'] },
];

/** The request options that name a request (as opposed to how to format it). */
const requestNaming = ['url', 'operation', 'param', 'data'];

export function namesRequest(opts: Record<string, unknown>): boolean {
  return requestNaming.some((name) => opts[name] !== undefined);
}

export interface FingerprintRequest {
  readonly order: SoldoOrder;
  readonly input: FingerprintInput;
}

/** Soldo's credentials with this command's --token and --private-key-file as flags. */
export function soldoCredentials(cx: RunContext, opts: Record<string, unknown>): Promise<Credentials> {
  const flags: Partial<Record<SettingKey, string>> = {};
  const token = stringOpt(opts, 'token');
  const keyFile = stringOpt(opts, 'privateKeyFile');
  if (token !== undefined) flags.fingerprint_token = token;
  if (keyFile !== undefined) flags.private_key_file = keyFile;
  return cx.provider('soldo').credentials(flags);
}

export async function readFingerprintRequest(
  opts: Record<string, unknown>,
  cx: RunContext,
  credentials: Credentials,
): Promise<FingerprintRequest> {
  const url = stringOpt(opts, 'url');
  const operationId = stringOpt(opts, 'operation');
  if (url !== undefined && operationId !== undefined) {
    throw new UsageError('--url and --operation both name the request.', { hint: 'Use one of them.' });
  }
  const params = listOpt(opts, 'param').map(parseParam);
  const { order, pathParams, query, missingPathParams } = resolveRequest({ url, operationId, method: stringOpt(opts, 'method'), params });
  if (missingPathParams.length > 0) {
    cx.io.warn(`no value for the path parameter${missingPathParams.length > 1 ? 's' : ''} ${missingPathParams.join(', ')}; add --param NAME=VALUE.`);
  }
  const body = await readData(stringOpt(opts, 'data'), cx);
  // The four business-trip orders name no token: they need none.
  const token = order.order.includes('token') ? await requireFingerprintToken(credentials) : undefined;
  return { order, input: { order, pathParams, query, body, token, options: formatOptions(opts, cx) } };
}

function formatOptions(opts: Record<string, unknown>, cx: RunContext): FingerprintOptions {
  const listSeparator = stringOpt(opts, 'listSeparator');
  const normalized = stringOpt(opts, 'numbers') === 'normalized';
  // One instant per run, so a generated request_timestamp is the same in the fingerprint, the note and --expect.
  const now = cx.now();
  return {
    ...(listSeparator === undefined ? {} : { listSeparator }),
    ...(normalized ? { formatNumber: (text: string) => String(Number(text)) } : {}),
    now: () => now,
  };
}

function parseParam(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--param ${text}: expected NAME=VALUE.`, { hint: 'For example --param fromDate=2024-01-01' });
  return [text.slice(0, at), text.slice(at + 1)];
}

/** `-` is stdin and `@path` a file, like curl's -d; one trailing newline of those is an editor's, not the body's. */
async function readData(data: string | undefined, cx: RunContext): Promise<string | undefined> {
  if (data === undefined || !(data === '-' || data.startsWith('@'))) return data;
  if (data === '-') return dropFinalNewline((await readAll(cx.streams.stdin)).toString('utf8'));
  const path = resolve(cx.cwd, data.slice(1));
  try {
    return dropFinalNewline(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the body file ${path}: ${describeFsError(error)}`, { code: 'data_file_unreadable', cause: error });
  }
}

function dropFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '');
}
