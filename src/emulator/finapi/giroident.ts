import { randomUUID } from 'node:crypto';
import { blzOfIban, isValidIban } from '../../providers/finapi/iban.js';
import { IDENTITY_LIFETIME_DAYS } from '../../providers/finapi/process-token-rules.js';
import type { EmuRequest, EmuResponse, EmulatorEnv, Route } from '../types.js';
import { FinapiFailure, finapiPrefix, finapiRoute, jsonObject, optionalBoolean, optionalString } from './http.js';
import type { FinapiProcess, FinapiState, FinapiUser, Principal } from './state.js';

/**
 * GiroIdent v2: checks created with a user token, and the page behind `redirect-url` where the "end user" completes
 * them (the emulator's stand-in for logging in to the bank): `GET /web/:checkId`, `POST /web/:checkId/complete`.
 */

type CheckStatus = 'REGISTRATION' | 'CREDENTIALS' | 'UPDATE_REQUIRED' | 'COMPLETED';

interface Check {
  readonly id: string;
  readonly product: string;
  readonly owner: FinapiUser | FinapiProcess;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly companyName: string | null;
  readonly iban: string | null;
  readonly blz: string | null;
  readonly strictCheck: boolean;
  readonly externalId: string | null;
  status: CheckStatus;
  nameEquality: boolean | null;
  nameEqualityScore: number | null;
}

const PRODUCTS = ['checks', 'checks-plus', 'checks-gwg'];

export function giroidentRoutes(env: EmulatorEnv, state: FinapiState): Route[] {
  const checks = new Map<string, Check>();
  return [
    ...PRODUCTS.flatMap((product) => [
      finapiRoute(env, 'POST', `/api/v2/${product}`, (req) => {
        const check = createCheck(product, ownerOf(state.authenticate(req)), jsonObject(req));
        checks.set(check.id, check);
        return { status: 201, body: { 'check-id': check.id, 'redirect-url': `${giroidentBaseUrl(req)}/web/${check.id}` } };
      }),
      finapiRoute(env, 'GET', `/api/v2/${product}/:checkId`, (req) => {
        const owner = ownerOf(state.authenticate(req));
        const check = checks.get(req.params.checkId ?? '');
        if (check?.product !== product || check.owner !== owner) {
          throw new FinapiFailure(404, 'UNKNOWN_ENTITY', `No check with id ${req.params.checkId ?? ''}.`);
        }
        return { status: 200, body: checkBody(check) };
      }),
    ]),
    finapiRoute(env, 'GET', '/web/:checkId', (req) => {
      const check = webCheck(checks, req);
      if (check.status === 'REGISTRATION') check.status = 'CREDENTIALS';
      return html(200, checkPage(check));
    }),
    finapiRoute(env, 'POST', '/web/:checkId/complete', (req) => {
      const check = webCheck(checks, req);
      if (check.status === 'COMPLETED') throw new FinapiFailure(409, 'ILLEGAL_ENTITY_STATE', 'The check is already completed.');
      completeCheck(check, new URLSearchParams(req.rawBody.toString('utf8')));
      return html(200, `<p>Check ${escapeHtml(check.id)}: ${check.status}. You can close this window.</p>`);
    }),
  ];
}

function ownerOf(principal: Principal): FinapiUser | FinapiProcess {
  if (principal.kind === 'user') return principal.user;
  if (principal.kind === 'identity') return principal.process;
  throw new FinapiFailure(403, 'FORBIDDEN', 'GiroIdent needs a user token (from the Process Controller or a password grant), not a client token.');
}

function createCheck(product: string, owner: FinapiUser | FinapiProcess, body: Record<string, unknown>): Check {
  const lastName = optionalString(body, 'last-name') ?? null;
  const companyName = optionalString(body, 'company-name') ?? null;
  if (lastName === null && companyName === null) throw new FinapiFailure(400, 'MISSING_FIELD', 'last-name or company-name is required.');
  const iban = optionalString(body, 'iban')?.replace(/\s+/g, '').toUpperCase() ?? null;
  const blz = optionalString(body, 'blz') ?? null;
  if (iban === null && blz === null) throw new FinapiFailure(400, 'MISSING_FIELD', 'iban or blz is required.');
  if (iban !== null && !isValidIban(iban)) throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', 'iban is not a valid IBAN (check digits).');
  if (blz !== null && !/^\d{8}$/.test(blz)) throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', 'blz must be 8 digits.');
  return {
    id: randomUUID(),
    product,
    owner,
    firstName: optionalString(body, 'first-name') ?? null,
    lastName,
    companyName,
    iban,
    blz: blz ?? (iban === null ? null : (blzOfIban(iban) ?? null)),
    strictCheck: optionalBoolean(body, 'strict-check') ?? false,
    externalId: optionalString(body, 'external-id') ?? null,
    status: 'REGISTRATION',
    nameEquality: null,
    nameEqualityScore: null,
  };
}

function checkBody(check: Check) {
  const completed = check.status === 'COMPLETED';
  return {
    'check-id': check.id,
    'first-name': check.firstName,
    'last-name': check.lastName,
    'company-name': check.companyName,
    iban: check.iban,
    'bank-id': completed && check.blz !== null ? Number(check.blz) : null,
    'name-equality': check.nameEquality,
    'name-equality-score': check.nameEqualityScore,
    status: check.status,
    'external-id': check.externalId,
    // Emulator field: the Process Controller identity's lifetime; absent for checks made with an Access user token.
    'identity-lifetime-days':
      'invalidated' in check.owner ? IDENTITY_LIFETIME_DAYS[check.owner.invalidated ? 'invalidated' : 'reusable'] : undefined,
  };
}

/**
 * The completion form: `account-holder` is the name the bank reports (default: the name checked, a full match),
 * `status` the outcome, `COMPLETED` (default) or `UPDATE_REQUIRED`.
 */
function completeCheck(check: Check, form: URLSearchParams): void {
  const outcome = form.get('status') || 'COMPLETED';
  if (outcome !== 'COMPLETED' && outcome !== 'UPDATE_REQUIRED') {
    throw new FinapiFailure(400, 'ILLEGAL_FIELD_VALUE', 'status must be COMPLETED or UPDATE_REQUIRED.');
  }
  check.status = outcome;
  if (outcome === 'UPDATE_REQUIRED') return;
  const expected = checkedName(check);
  const score = nameScore(expected, form.get('account-holder') || expected);
  check.nameEqualityScore = score;
  // A strict check accepts only the exact words; otherwise half of them will do.
  check.nameEquality = check.strictCheck ? score === 1 : score >= 0.5;
}

function checkedName(check: Check): string {
  return check.companyName ?? [check.firstName, check.lastName].filter((part) => part !== null).join(' ');
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
  if (check === undefined) throw new FinapiFailure(404, 'UNKNOWN_ENTITY', `No check with id ${req.params.checkId ?? ''}.`);
  return check;
}

/** The absolute GiroIdent base on this emulator, from the Host the caller used. */
function giroidentBaseUrl(req: EmuRequest): string {
  return `http://${req.headers.host ?? '127.0.0.1'}${finapiPrefix('giroident_url')}`;
}

function checkPage(check: Check): string {
  return `<h1>GiroIdent (emulator)</h1>
<p>Check ${escapeHtml(check.id)} for ${escapeHtml(checkedName(check))}, account ${escapeHtml(check.iban ?? check.blz ?? '')}.</p>
<form method="post" action="${escapeHtml(check.id)}/complete">
<label>Account holder reported by the bank <input name="account-holder" value="${escapeHtml(checkedName(check))}"></label>
<button name="status" value="COMPLETED">Complete</button>
<button name="status" value="UPDATE_REQUIRED">Update required</button>
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
