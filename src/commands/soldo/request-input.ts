import type { Credentials } from '../../config/load-credentials.js';
import type { SettingKey } from '../../core/credentials.js';
import { FORM_CONTENT_TYPE } from '../../core/headers.js';
import { computeFingerprint, listRequestFields, type FingerprintInput } from '../../core/soldo/fingerprint.js';
import { UsageError } from '../../errors.js';
import type { Io } from '../../io/io.js';
import { fingerprintInput } from '../../providers/soldo/fingerprint-input.js';
import { resolveRequestUnder } from '../../providers/soldo/operation.js';
import { DEFAULT_ORDER_SOURCE, orderSources, type OrderSource, type SoldoOrder } from '../../providers/soldo/orders.js';
import type { RunContext } from '../../run-context.js';
import { readInput } from '../shared/input.js';
import type { OptionSpec, OptionValues } from '../spec.js';

/** The options that describe a request to fingerprint, shared by `soldo fingerprint` and `soldo sign`. */
export const requestOptions = [
  { flags: '--url <url>', description: 'the request URL or path; its query string counts' },
  { flags: '--method <method>', description: 'HTTP method of --url (needed only when the path has several operations)' },
  { flags: '--operation <id>', description: 'the operation id instead of a URL (see soldo orders)' },
  { flags: '--param <name=value>', description: 'a path parameter or query field; repeatable', repeatable: true },
  { flags: '-d, --data <json|@file|->', description: 'the request body exactly as sent (JSON or form), from a file with @, stdin with -' },
  { flags: '--token <token>', description: 'the fingerprint token (default: FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN or the config)' },
  { flags: '--list-separator <text>', description: 'between list items (Soldo does not document it; default: none)' },
  { flags: '--numbers <style>', description: 'JSON numbers as-sent (10.50) or normalized (10.5)', choices: ['as-sent', 'normalized'] },
  { flags: '--booleans <style>', description: 'JSON booleans as true-false (default) or as PHP writes them: 1, and nothing for false', choices: ['true-false', 'php'] },
  { flags: '--always-token', description: 'append the fingerprint token to the orders that do not name it (the four business-trip operations)' },
  {
    flags: '--order-source <source>',
    description: "where Soldo's sources disagree (transaction search), follow its guide (default) or its OpenAPI export",
    choices: orderSources,
  },
] as const satisfies readonly OptionSpec[];

type RequestValues = OptionValues<typeof requestOptions>;

/** Whether the options name a request (as opposed to saying how to format it). */
export function namesRequest(opts: RequestValues): boolean {
  return opts.url !== undefined || opts.operation !== undefined || opts.param.length > 0 || opts.data !== undefined;
}

export interface FingerprintRequest {
  /** The operation, with the order of `source`. */
  readonly order: SoldoOrder;
  readonly source: OrderSource;
  readonly input: FingerprintInput;
}

/** Soldo's credentials with this command's --token and --private-key-file as flags. */
export function soldoCredentials(cx: RunContext, opts: { token: string | undefined; privateKeyFile?: string }): Promise<Credentials> {
  const flags: Partial<Record<SettingKey, string>> = {};
  if (opts.token !== undefined) flags.fingerprint_token = opts.token;
  if (opts.privateKeyFile !== undefined) flags.private_key_file = opts.privateKeyFile;
  return cx.provider('soldo').credentials(flags);
}

export async function readFingerprintRequest(opts: RequestValues, cx: RunContext, credentials: Credentials): Promise<FingerprintRequest> {
  const { url, operation: operationId } = opts;
  if (url !== undefined && operationId !== undefined) {
    throw new UsageError('--url and --operation both name the request.', { hint: 'Use one of them.' });
  }
  const params = opts.param.map(parseParam);
  const source = opts.orderSource ?? DEFAULT_ORDER_SOURCE;
  const request = resolveRequestUnder({ url, operationId, method: opts.method, params }, source);
  const { missingPathParams } = request;
  if (missingPathParams.length > 0) {
    cx.io.warn(`no value for the path parameter${missingPathParams.length > 1 ? 's' : ''} ${missingPathParams.join(', ')}; add --param NAME=VALUE.`);
  }
  const read = opts.data === undefined ? undefined : await readInput(cx, opts.data, { code: 'data_file_unreadable', what: 'the body file' });
  const input = await fingerprintInput(request, read?.toString(), credentials, {
    listSeparator: opts.listSeparator,
    numbers: opts.numbers,
    booleans: opts.booleans,
    alwaysToken: opts.alwaysToken,
    now: cx.now(),
  });
  // Bytes from a file or standard input, unlike text on the command line, may end with an editor's newline.
  if (Buffer.isBuffer(read)) warnIfFinalNewlineCounts(cx.io, opts.data ?? '', input);
  warnIfNotDeclaredType(cx.io, request.order, input);
  // The order as computed: with --always-token, the token appended.
  return { order: input.order === request.order ? request.order : { ...request.order, order: input.order.order }, source, input };
}

/**
 * A file's or standard input's final newline is part of the body (shared/input.ts); fintech-cli used to drop it.
 * Where it changes the fingerprint (the last value of a form body), say so: the request sent may well lack it.
 */
function warnIfFinalNewlineCounts(io: Io, data: string, input: FingerprintInput): void {
  const body = input.body ?? '';
  const withoutNewline = body.replace(/\r?\n$/, '');
  if (withoutNewline === body) return;
  const fingerprintOf = (text: string) => {
    try {
      return computeFingerprint({ ...input, body: text }).fingerprint;
    } catch {
      return undefined; // A body the fingerprint cannot read is reported when it is computed.
    }
  };
  const [kept, dropped] = [fingerprintOf(body), fingerprintOf(withoutNewline)];
  if (kept === undefined || dropped === undefined || kept === dropped) return;
  io.warn(
    `the body from --data ${data} ends with a newline, which is part of its last value and so of the fingerprint ` +
      '(fintech-cli used to drop it). If the request you send has no final newline, remove it (printf %s, not echo).',
  );
}

/**
 * `--data` reads JSON and forms alike, and a value has the same text in both, so the fingerprint does not tell them
 * apart; Soldo reads the body only in the type its spec declares for the operation. Say so, with the body to send.
 */
function warnIfNotDeclaredType(io: Io, order: SoldoOrder, input: FingerprintInput): void {
  const body = input.body?.trim() ?? '';
  if (body === '' || order.contentType === undefined) return;
  const isJson = body.startsWith('{');
  if (isJson && order.contentType === FORM_CONTENT_TYPE) {
    const fields = listRequestFields({ ...input, pathParams: {}, query: '' }).map((f): [string, string] => [f.name, f.value ?? '']);
    io.warn(`${order.operationId} takes a form body (${FORM_CONTENT_TYPE}), not JSON: the fingerprint is the same, but send ${new URLSearchParams(fields).toString()}.`);
  } else if (!isJson && order.contentType === 'application/json') {
    io.warn(`${order.operationId} takes a JSON body, not a form: the fingerprint is the same if the values are, but send JSON.`);
  }
}

function parseParam(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--param ${text}: expected NAME=VALUE.`, { hint: 'For example --param fromDate=2024-01-01' });
  return [text.slice(0, at), text.slice(at + 1)];
}
