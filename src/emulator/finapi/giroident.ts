import { randomUUID } from 'node:crypto';
import { isValidIban } from '../../providers/finapi/iban.js';
import type { EmuRequest, EmuResponse, EmulatorEnv, Route } from '../types.js';
import { checkCreateContract } from './descriptions.js';
import { FinapiFailure } from './failures.js';
import { finapiPrefix, finapiRoutes, jsonObject, optionalString } from './http.js';
import type { FinapiProcess, FinapiState, FinapiUser, Principal } from './state.js';

/**
 * GiroIdent v2 (spec/finapi/giroident-v2-2022.34.1.schema.json): checks created with a user token, and the page behind
 * `redirect-url` where the "end user" completes them (the emulator's stand-in for the bank login):
 * `GET /web/:checkId` starts the check (IN_PROGRESS), `POST /web/:checkId/complete` approves or denies it.
 */

type CheckStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'COMPLETED_WITH_ERROR';

interface Check {
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

export function giroidentRoutes(env: EmulatorEnv, state: FinapiState): Route[] {
  const route = finapiRoutes(env, state, 'giroident');
  const checks = new Map<string, Check>();
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
      const check = webCheck(checks, req);
      if (check.status === 'COMPLETED' || check.status === 'COMPLETED_WITH_ERROR') {
        throw new FinapiFailure(409, 'BAD_REQUEST', `The check is already ${check.status}.`);
      }
      completeCheck(check, new URLSearchParams(req.rawBody.toString('utf8')));
      return html(200, `<p>Check ${escapeHtml(check.id)}: ${check.status}. You can close this window.</p>`);
    }),
  ];
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
 * `error-message` (default: the end user cancelled).
 */
function completeCheck(check: Check, form: URLSearchParams): void {
  const outcome = form.get('outcome') || 'approve';
  if (outcome === 'deny') {
    check.status = 'COMPLETED_WITH_ERROR';
    check.errorMessage = form.get('error-message') || 'The end user cancelled the bank login.';
    return;
  }
  if (outcome !== 'approve') throw new FinapiFailure(400, 'INVALID_PARAMETER', 'outcome must be approve or deny.');
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

function checkPage(check: Check): string {
  const account = check.account === undefined ? 'an account the end user chooses' : `account ${escapeHtml(check.account)}`;
  return `<h1>GiroIdent (emulator)</h1>
<p>Check ${escapeHtml(check.id)} for ${escapeHtml(check.name)}, ${account}. Status: ${check.status}.</p>
<form method="post" action="${escapeHtml(check.id)}/complete">
<label>Account holder reported by the bank <input name="account-holder" value="${escapeHtml(check.name)}"></label>
<button name="outcome" value="approve">Approve (COMPLETED)</button>
<button name="outcome" value="deny">Deny (COMPLETED_WITH_ERROR)</button>
</form>`;
}

function html(status: number, body: string): EmuResponse {
  return {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html><head><meta charset="utf-8"><title>GiroIdent</title></head><body>${body}</body></html>`,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
