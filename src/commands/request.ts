import type { ProviderId } from '../environments.js';
import { CliError, UsageError } from '../errors.js';
import type { HttpResponse } from '../http/client.js';
import { errorFromResponse } from '../providers/api-errors.js';
import { descriptors } from '../providers/descriptors.js';
import { type PageScheme, pageSchemes } from '../providers/page-schemes.js';
import { rawRequestSender, type RequestSender } from '../providers/raw-request.js';
import { isTokenEndpoint } from '../providers/token-endpoints.js';
import type { RunContext } from '../run-context.js';
import { parseProvider, providerArg } from './shared/provider-arg.js';
import { defineCommand } from './spec.js';
import { FORM_CONTENT_TYPE } from '../providers/oauth.js';
import { withHeaders } from '../core/headers.js';
import { DEFAULT_ORDER_SOURCE, orderSources } from '../providers/soldo/order-sources.js';
import {
  apiServices,
  bodyOptions,
  givesBody,
  REQUEST_MAX_BODY_BYTES,
  httpMethods,
  parseByteSize,
  parseHeaders,
  parseMethod,
  parseQuery,
  parseService,
  parseTarget,
  readBody,
} from './request/input.js';
import { noteVariables, printBody, printCurl, printDryRun, printHead } from './request/output.js';
import type { SentRequest } from './request/soldo-diagnosis.js';

export default defineCommand({
  path: ['request'],
  summary: 'Send any request to a provider API, authenticated (and signed for Soldo) for you',
  description:
    'Send any request to a provider API, like `gh api`: the access token is added (cached, renewed once on 401), ' +
    'finAPI gets an X-Request-Id, and Soldo operations with a fingerprint order are signed. The answer goes to stdout ' +
    '(indented JSON on a terminal, the bytes as received when piped); a non-2xx answer is printed too, and exits 1.',
  args: [
    providerArg,
    { name: 'method', description: httpMethods.join(', '), choices: httpMethods },
    { name: 'path', description: 'as the provider documents it: /v1/… (Solaris), /api/v2/… (finAPI), /business/v2/… (Soldo)' },
  ],
  options: [
    ...bodyOptions,
    { flags: '-q, --query <name=value>', description: 'a query parameter; repeatable', repeatable: true },
    { flags: '-H, --header <"Name: value">', description: 'a request header; repeatable', repeatable: true },
    { flags: '-i, --include', description: 'print the status line and headers before the body' },
    { flags: '--paginate', description: 'follow every page (Solaris page[number], Soldo p) and print one JSON array' },
    { flags: '--curl', description: 'print the request as a curl command instead of sending it (secrets as $VARIABLES)' },
    { flags: '--dry-run', description: 'print the request as JSON {method, url, headers, body} instead of sending it' },
    { flags: '--api <service>', description: 'the base URL: api (default), auth (Solaris), process or giroident (finAPI)', choices: apiServices },
    { flags: '--user <id>', description: "finAPI: with this user's token (see auth token finapi --user)" },
    {
      flags: '--order-source <source>',
      description: "Soldo: where its sources disagree on a fingerprint order (transaction search), follow its guide (default) or its OpenAPI export",
      choices: orderSources,
    },
    { flags: '--max-body <bytes>', description: 'read at most this much of the answer, e.g. 500000, 200k, 1g (default 64m); more ends the command with exit 1' },
    {
      flags: '--retry-unsafe',
      description:
        'DANGEROUS: retry a POST, PUT, PATCH or DELETE after a 502/503/504, 429, reset or timeout as if it were a GET; the server may carry it out more than once (a transfer moves the money again)',
    },
  ],
  examples: [
    'fintech-cli request solaris GET /v1/webhooks --paginate',
    'fintech-cli request solaris POST /v1/webhooks -f event_type=BOOKING -f url=https://example.com/hook',
    'fintech-cli request finapi GET /api/v2/users --user alice --include',
    'fintech-cli request finapi POST /api/v2/checks --api giroident --user alice -d @check.json',
    'fintech-cli request soldo GET /business/v2/transactions --query fromDate=2024-01-01 --query toDate=2024-02-01 --paginate',
    'fintech-cli request soldo PUT /business/v2/wallets/internalTransfer/W1/W2 -F amount=10.50 -f currencyCode=EUR   # a form, as Soldo declares',
    'fintech-cli request soldo GET /business/v2/ping/whoami --curl',
  ],
  async run({ args, opts }, cx) {
    const provider = parseProvider(args[0]);
    const method = parseMethod(args[1]);
    const { pathname, query: pathQuery } = parseTarget(args[2], provider);
    const service = parseService(opts.api, provider);
    const headers = parseHeaders(opts.header);
    const { user } = opts;
    if (user !== undefined && descriptors[provider].userTokens === undefined) throw new UsageError('--user applies to finapi only.', { hint: `Drop it for ${provider}.` });
    const { curl, dryRun } = opts;
    if (curl && dryRun) throw new UsageError('--curl and --dry-run both show the request.', { hint: 'Choose one.' });
    const scheme = opts.paginate ? pageSchemes[provider] : undefined;
    if (opts.paginate && scheme === undefined) {
      throw new UsageError(`--paginate does not know how ${provider} pages its lists.`, { hint: 'Ask for each page yourself with -q.' });
    }

    const { orderSource } = opts;
    if (orderSource !== undefined && descriptors[provider].signing === undefined) {
      throw new UsageError('--order-source applies to soldo only.', { hint: `Drop it for ${provider}.` });
    }

    // An operation whose published description declares a form gets one (Soldo's internal transfer).
    const declared = givesBody(opts) ? await descriptors[provider].declaredContentType?.(method, pathname) : undefined;
    const formOf = declared?.contentType === FORM_CONTENT_TYPE ? declared.operation : undefined;
    const body = await readBody(opts, cx, { method, form: isTokenEndpoint(provider, service, pathname) || formOf !== undefined, formOf, headers });
    let query = new URLSearchParams([...pathQuery, ...parseQuery(opts.query), ...body.queryFields]);
    if (scheme !== undefined) query = scheme.first(query);
    const maxBodyBytes = parseByteSize(opts.maxBody, '--max-body') ?? REQUEST_MAX_BODY_BYTES;
    const { retryUnsafe } = opts;
    const sender = await rawRequestSender(cx.provider(provider), { method, service, pathname, headers, body: body.body, contentType: body.contentType, user, retryUnsafe, maxBodyBytes, signingVariant: orderSource });

    if (curl || dryRun) {
      const described = await sender.describe(query);
      if (curl) printCurl(cx.io, described.request);
      else printDryRun(cx.io, described.request);
      noteVariables(cx.io, described, { provider, globals: cx.globals, user });
      return;
    }
    // What was sent: the body's type as the CLI chose it, unless the user's -H replaced it.
    const sentHeaders = body.contentType === undefined ? headers : withHeaders({ 'Content-Type': body.contentType }, headers);
    const sent = { method, pathname, query, body: body.body, headers: sentHeaders, orderSource: orderSource ?? DEFAULT_ORDER_SOURCE };
    const answering = { provider, method, what: `${method} ${pathname}`, include: opts.include, sent };
    if (scheme !== undefined) {
      printBody(cx.io, `${JSON.stringify(await allItems(cx, sender, scheme, query, answering))}\n`);
      return;
    }
    const res = await sender.send(query);
    await checkAnswer(cx, res, answering);
    printBody(cx.io, res.text());
  },
});

/** Every page's items, in order; a page that fails ends the command (see checkAnswer). */
async function allItems(cx: RunContext, sender: RequestSender, scheme: PageScheme, first: URLSearchParams, answering: Answering): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let page: URLSearchParams | undefined = first; page !== undefined; ) {
    const res = await sender.send(page);
    await checkAnswer(cx, res, { ...answering, sent: { ...answering.sent, query: page } });
    const read = scheme.read(res, page, items.length);
    items.push(...read.items);
    page = read.next;
  }
  return items;
}

interface Answering {
  provider: ProviderId;
  method: string;
  what: string;
  include: boolean;
  sent: SentRequest;
}

/**
 * Prints the head with -i. A non-2xx answer is printed whole (with --paginate, instead of the pages merged so far)
 * and ends the command: exit 1, or 4 for a 401 that a fresh token did not cure, with one line on stderr.
 */
async function checkAnswer(cx: RunContext, res: HttpResponse, { provider, method, what, include, sent }: Answering): Promise<void> {
  if (include) printHead(cx.io, res);
  if (res.status >= 200 && res.status <= 299) return;
  printBody(cx.io, res.text());
  const error = errorFromResponse(provider, what, res, { credentials: res.status === 401, method });
  // The refusals of a signing provider (Soldo) never say why: the breakdown, and the mistake when the user sent their own fingerprint.
  const fingerprintError = descriptors[provider].signing !== undefined && (error.code === 'INVALID_FINGERPRINT' || error.code === 'INVALID_FINGERPRINT_SIGNATURE');
  // Imported only then: the mistake search is not part of every request's start-up.
  const cause = fingerprintError ? await (await import('./request/soldo-diagnosis.js')).diagnoseFingerprintError(cx, error.code, sent) : undefined;
  throw new CliError(error.kind, error.message, { code: error.code, status: error.status, provider: error.provider, hint: cause });
}
