import type { ProviderSession } from '../session.js';
import { recordAnswer, stringField } from './answers.js';
import { callAs, type FinapiAuth } from './call-as.js';

/** GiroIdent v2 checks (providers.md §2), with a user token from Access or from the Process Controller. */

/** The request fields, named as finAPI names them: kebab-case JSON. */
export interface CheckRequest {
  'first-name'?: string;
  'last-name'?: string;
  'company-name'?: string;
  iban?: string;
  blz?: string;
  'strict-check'?: boolean;
  'external-id'?: string;
}

export interface CreatedCheck {
  'check-id': string;
  'redirect-url': string;
}

/** The products behind the same API: the plain check, the Plus check and the GwG (anti-money-laundering) check. */
export const checkProducts = ['checks', 'checks-plus', 'checks-gwg'] as const;
export type CheckProduct = (typeof checkProducts)[number];

/** What the statuses finAPI documents for a check mean to the partner waiting for it. */
export const checkStatusMeanings: Readonly<Record<string, string>> = {
  REGISTRATION: 'waiting for the end user to open the redirect URL',
  CREDENTIALS: 'the end user is logging in to the bank',
  UPDATE_REQUIRED: 'the bank connection needs the end user again (e.g. another login)',
  COMPLETED: 'the bank reported the account holder',
};

/** `POST /api/v2/<product>`; the end user completes the check at `redirect-url`. */
export async function createCheck(finapi: ProviderSession, auth: FinapiAuth, request: CheckRequest, product: CheckProduct = 'checks'): Promise<CreatedCheck> {
  const what = 'the check creation';
  const res = await callAs(finapi, auth, { method: 'POST', service: 'giroident_url', path: `/api/v2/${product}`, json: request, what });
  const body = recordAnswer(res, what);
  return { ...body, 'check-id': stringField(body, 'check-id', what), 'redirect-url': stringField(body, 'redirect-url', what) };
}

/** `GET /api/v2/<product>/{checkId}`: the result as finAPI sends it (`status`, `name-equality`, …). */
export async function getCheck(finapi: ProviderSession, auth: FinapiAuth, checkId: string, product: CheckProduct = 'checks'): Promise<Record<string, unknown>> {
  const path = `/api/v2/${product}/${encodeURIComponent(checkId)}`;
  const what = `the check ${checkId}`;
  const res = await callAs(finapi, auth, { method: 'GET', service: 'giroident_url', path, what });
  return recordAnswer(res, what);
}
