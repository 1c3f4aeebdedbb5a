import { randomUUID } from 'node:crypto';
import { isValidIban } from '../../providers/finapi/iban.js';
import { INSPECTOR_STYLESHEET, isSameOrigin } from '../inspector/paths.js';
import type { EmuRequest, EmuResponse, EmulatorEnv, Route } from '../types.js';
import { checkCreateContract } from './descriptions.js';
import { FinapiFailure } from './failures.js';
import { finapiPrefix, finapiRoutes, jsonObject, optionalString } from './http.js';
import type { FinapiProcess, FinapiState, FinapiUser, Principal } from './state.js';

/**
 * GiroIdent v2 (spec/finapi/giroident-v2-2022.34.1.schema.json): checks created with a user token, and the page behind
 * `redirect-url` where the "end user" completes them (the emulator's stand-in for the bank login):
 * `GET /web/:checkId` starts the check (IN_PROGRESS), `POST /web/:checkId/complete` approves, denies or fails it.
 */

type CheckStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'COMPLETED_WITH_ERROR';

export interface Check {
  readonly id: string;
  readonly product: string;
  readonly owner: FinapiUser | FinapiProcess;
  /** The name the bank's account holder is compared with. */
  readonly name: string;
  readonly account: string | undefined;
  readonly strictCheck: boolean;
  status: CheckStatus;
  errorMessage?: string;
  nameEquality?: boolean;
  nameEqualityScore?: number;
}

const PRODUCTS = ['checks', 'checks-plus', 'checks-gwg'];

/** The checks of one emulator by id, in creation order. */
export type GiroidentChecks = Map<string, Check>;

export function giroidentRoutes(env: EmulatorEnv, state: FinapiState, checks: GiroidentChecks = new Map()): Route[] {
  const route = finapiRoutes(env, state, 'giroident');
  return [
    ...PRODUCTS.flatMap((product) => [
      route(
        'POST',
        `/api/v2/${product}`,
        (req) => {
          const check = createCheck(product, ownerOf(state.authenticate(req)), jsonObject(req));
          checks.set(check.id, check);
          return { status: 201, body: { 'check-id': check.id, 'redirect-url': `${giroidentBaseUrl(req)}/web/${check.id}` } };
        },
        { authenticated: true, contract: checkCreateContract },
      ),
      route(
        'GET',
        `/api/v2/${product}/:checkId`,
        (req) => {
          const owner = ownerOf(state.authenticate(req));
          const check = checks.get(req.params.checkId ?? '');
          if (check?.product !== product || check.owner !== owner) {
            throw new FinapiFailure(404, 'ENTITY_IS_NOT_EXIST', `No check with id ${req.params.checkId ?? ''}.`);
          }
          return { status: 200, body: checkBody(check) };
        },
        { authenticated: true },
      ),
    ]),
    route('GET', '/web/:checkId', (req) => {
      const check = webCheck(checks, req);
      if (check.status === 'NOT_STARTED') check.status = 'IN_PROGRESS';
      return html(200, checkPage(check));
    }),
    route('POST', '/web/:checkId/complete', (req) => {
      // The end user's answer comes from this page: another site's form must not complete a check.
      if (!isSameOrigin(req.headers, false)) throw new FinapiFailure(403, 'FORBIDDEN', 'Refused: the answer must come from the end-user page of this emulator.');
      const check = webCheck(checks, req);
      if (check.status === 'COMPLETED' || check.status === 'COMPLETED_WITH_ERROR') {
        throw new FinapiFailure(409, 'BAD_REQUEST', `The check is already ${check.status}.`);
      }
      completeCheck(check, new URLSearchParams(req.rawBody.toString('utf8')));
      return html(200, resultPage(check));
    }),
  ];
}

/** The inspector's view of the checks, newest first; `page` is the end-user page, on this emulator. */
export function checksView(checks: GiroidentChecks, pagePath: (id: string) => string) {
  return [...checks.values()].reverse().map((check) => ({
    id: check.id,
    product: check.product,
    name: check.name,
    account: check.account ?? null,
    ...checkBody(check),
    page: pagePath(check.id),
  }));
}

function ownerOf(principal: Principal): FinapiUser | FinapiProcess {
  if (principal.kind === 'user') return principal.user;
  if (principal.kind === 'identity') return principal.process;
  throw new FinapiFailure(403, 'SECURITY_ERROR', 'GiroIdent needs a user token (from the Process Controller or a password grant), not a client token.');
}

function createCheck(product: string, owner: FinapiUser | FinapiProcess, body: Record<string, unknown>): Check {
  const iban = optionalString(body, 'iban')?.replace(/\s+/g, '').toUpperCase();
  const blz = optionalString(body, 'blz');
  // The emulator's own checks, beyond the description's lengths: a bank would not find such an account.
  if (iban !== undefined && !isValidIban(iban)) throw new FinapiFailure(400, 'INVALID_PARAMETER', 'iban is not a valid IBAN (check digits).');
  if (blz !== undefined && !/^\d{8}$/.test(blz)) throw new FinapiFailure(400, 'INVALID_PARAMETER', 'blz must be 8 digits.');
  const person = [optionalString(body, 'first-name'), optionalString(body, 'last-name')].filter((part) => part !== undefined).join(' ');
  return {
    id: randomUUID(),
    product,
    owner,
    name: optionalString(body, 'company-name') ?? person,
    account: iban ?? blz,
    strictCheck: body['strict-check'] === true,
    status: 'NOT_STARTED',
  };
}

/** finAPI's CheckModel: `status`, and the result fields only once there is a result (none is ever null). */
function checkBody(check: Check) {
  return {
    status: check.status,
    ...(check.errorMessage === undefined ? {} : { 'error-message': check.errorMessage }),
    ...(check.nameEquality === undefined ? {} : { 'name-equality': check.nameEquality }),
    ...(check.nameEqualityScore === undefined ? {} : { 'name-equality-score': check.nameEqualityScore }),
  };
}

/**
 * The end user's answer: `outcome=approve` (default) completes the check, comparing `account-holder` (the name the
 * bank reports; default the name checked, a full match); `outcome=deny` ends it COMPLETED_WITH_ERROR with
 * `error-message` (default: the end user cancelled); `outcome=failure` too, with `failure-message` (default: the
 * bank could not be reached), as when the bank step breaks.
 */
function completeCheck(check: Check, form: URLSearchParams): void {
  const outcome = form.get('outcome') || 'approve';
  if (outcome === 'deny' || outcome === 'failure') {
    check.status = 'COMPLETED_WITH_ERROR';
    check.errorMessage =
      outcome === 'deny'
        ? form.get('error-message') || 'The end user cancelled the bank login.'
        : form.get('failure-message') || FAILURES[0];
    return;
  }
  if (outcome !== 'approve') throw new FinapiFailure(400, 'INVALID_PARAMETER', 'outcome must be approve, deny or failure.');
  check.status = 'COMPLETED';
  const score = nameScore(check.name, form.get('account-holder') || check.name);
  check.nameEqualityScore = score;
  // A strict check accepts only the exact words; otherwise half of them will do.
  check.nameEquality = check.strictCheck ? score === 1 : score >= 0.5;
}

/** Share of words the two names have in common, ignoring case and order, to two decimals. */
function nameScore(expected: string, holder: string): number {
  const words = (name: string) => new Set(name.toLowerCase().split(/[\s,.-]+/).filter(Boolean));
  const a = words(expected);
  const b = words(holder);
  const common = [...a].filter((word) => b.has(word)).length;
  return Math.round((common / Math.max(a.size, b.size, 1)) * 100) / 100;
}

function webCheck(checks: ReadonlyMap<string, Check>, req: EmuRequest): Check {
  const check = checks.get(req.params.checkId ?? '');
  if (check === undefined) throw new FinapiFailure(404, 'ENTITY_IS_NOT_EXIST', `No check with id ${req.params.checkId ?? ''}.`);
  return check;
}

/** The absolute GiroIdent base on this emulator, from the Host the caller used. */
function giroidentBaseUrl(req: EmuRequest): string {
  return `http://${req.headers.host ?? '127.0.0.1'}${finapiPrefix('giroident_url')}`;
}

/** What the emulated bank step can go wrong with: the end user picks one to rehearse a failed check. */
const FAILURES = [
  'The bank could not be reached (emulated failure).',
  'The online banking login was refused: wrong credentials.',
  'The account was not found at this bank.',
  'The session with the bank timed out.',
];

/** The emulator's stand-in for the bank step: what is checked, then the end user's answer. */
function checkPage(check: Check): string {
  const account = check.account === undefined ? 'an account the end user chooses' : escapeHtml(check.account);
  const done = check.status === 'COMPLETED' || check.status === 'COMPLETED_WITH_ERROR';
  const failures = FAILURES.map((message) => `<option>${escapeHtml(message)}</option>`).join('');
  const form = `<form method="post" action="${escapeHtml(check.id)}/complete">
<p>finAPI GiroIdent asks your bank to confirm who holds the account.</p>
<p><label for="holder">Account holder, as your bank knows it</label>
<input id="holder" name="account-holder" value="${escapeHtml(check.name)}" autocomplete="off"></p>
<p class="actions"><button name="outcome" value="approve">Log in and confirm</button>
<button name="outcome" value="deny">Cancel</button></p>
<details><summary>Make the bank step fail</summary>
<p><label for="failure">What goes wrong</label> <select id="failure" name="failure-message">${failures}</select></p>
<p><button name="outcome" value="failure">Fail the bank step</button></p>
</details>
</form>`;
  return `<header class="bank"><strong>Demobank</strong> online banking <span class="tag">emulator</span></header>
<main class="bank">
<h1>Confirm your account</h1>
<dl>
<dt>Check</dt><dd>${escapeHtml(check.id)} (${escapeHtml(check.product)})</dd>
<dt>Name checked</dt><dd>${escapeHtml(check.name) || '(none)'}</dd>
<dt>Account</dt><dd>${account}</dd>
<dt>Status</dt><dd id="status">${check.status}</dd>
</dl>
${done ? '<p>This check is finished.</p>' : form}
<p class="note">This page stands in for the bank step; the <a href="/">inspector</a> shows the check.</p>
</main>`;
}

function resultPage(check: Check): string {
  const outcome = check.status === 'COMPLETED' ? 'Your account was confirmed.' : `The check ended with an error: ${escapeHtml(check.errorMessage ?? '')}`;
  return `<header class="bank"><strong>Demobank</strong> online banking <span class="tag">emulator</span></header>
<main class="bank">
<h1>${check.status === 'COMPLETED' ? 'Done' : 'Not confirmed'}</h1>
<p>${outcome}</p>
<p>Status: <span id="status">${check.status}</span>. You can close this window and return to the application.</p>
<p class="note">The <a href="/">inspector</a> shows the check.</p>
</main>`;
}

/** A page of the bank step: no script at all, the inspector's stylesheet, forms only to this emulator. */
function html(status: number, body: string): EmuResponse {
  return {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'X-Content-Type-Options': 'nosniff',
    },
    body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>GiroIdent bank step (emulator)</title><link rel="stylesheet" href="${INSPECTOR_STYLESHEET}"></head><body>${body}</body></html>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
