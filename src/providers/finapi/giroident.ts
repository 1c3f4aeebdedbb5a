import { setTimeout as sleep } from 'node:timers/promises';
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

/** GiroIdent v2's check statuses (spec/finapi/giroident-v2-2022.34.1.schema.json), as the partner waiting for one reads them. */
export const checkStatusMeanings: Readonly<Record<string, string>> = {
  NOT_STARTED: 'waiting for the end user to open the redirect URL',
  IN_PROGRESS: 'the end user is logging in to the bank',
  REDIRECT_PAYMENT: 'the end user is sent to the payment web form first (GwG Total only)',
  COMPLETED: 'the bank reported the account holder',
  COMPLETED_WITH_ERROR: 'the check ended with an error (error-message says why)',
};

/** The statuses after which a check does not change any more. */
export const finalCheckStatuses: readonly string[] = ['COMPLETED', 'COMPLETED_WITH_ERROR'];

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

export interface CheckWait {
  /** Give up after this long (milliseconds of waiting, not of answers). */
  deadlineMs: number;
  signal?: AbortSignal;
  /** Each answer whose status differs from the one before, the first included. */
  onStatus?: (check: Record<string, unknown>) => void | Promise<void>;
}

/** The check once its status is final, or `{timedOut: true}` with the last answer when the deadline passes first. */
export async function waitForCheck(
  finapi: ProviderSession,
  auth: FinapiAuth,
  checkId: string,
  product: CheckProduct,
  wait: CheckWait,
): Promise<{ check: Record<string, unknown>; timedOut: boolean }> {
  const started = performance.now();
  let pause = FIRST_PAUSE_MS;
  let previous: unknown;
  for (;;) {
    const check = await getCheck(finapi, auth, checkId, product);
    if (check.status !== previous) await wait.onStatus?.(check);
    previous = check.status;
    if (finalCheckStatuses.includes(String(check.status))) return { check, timedOut: false };
    const left = wait.deadlineMs - (performance.now() - started);
    if (left <= 0) return { check, timedOut: true };
    await sleep(Math.min(pause, left), undefined, { signal: wait.signal });
    pause = Math.min(pause * 1.5, MAX_PAUSE_MS);
  }
}

/** Quick at first (an end user who is already at the bank finishes in seconds), then every few seconds. */
const FIRST_PAUSE_MS = 500;
const MAX_PAUSE_MS = 5000;
