import { randomBytes } from 'node:crypto';
import type { EmulatorEnv, EmuRequest, EmuResponse, Route } from '../../emulator/types.js';
import { jsonObject, reject, requiredEnum, requiredString } from './emulator-requests.js';

export const deviceConsentEvents = ['APPROVED', 'REJECTED'] as const;
export const deviceActivityTypes = ['APP_START', 'PASSWORD_RESET', 'CONSENT_PROVIDED'] as const;

/** Device monitoring (providers.md §1): the person's consent, and activities carrying the Seon fingerprint. */
export function deviceMonitoringRoutes(env: EmulatorEnv): Route[] {
  return [
    { method: 'POST', path: '/v1/persons/:id/device_consents', handler: (req) => createConsent(env, req) },
    { method: 'POST', path: '/v1/persons/:id/device_activities', handler: (req) => createActivity(req) },
  ];
}

function createConsent(env: EmulatorEnv, req: EmuRequest): EmuResponse {
  const body = jsonObject(req);
  const eventType = requiredEnum(body, 'event_type', deviceConsentEvents);
  const confirmedAt = requiredString(body, 'confirmed_at');
  const at = Date.parse(confirmedAt);
  if (!ISO_8601.test(confirmedAt) || Number.isNaN(at)) {
    reject(400, 'validation_error', `confirmed_at must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z (got ${confirmedAt}).`, 'confirmed_at');
  }
  if (at > env.now()) reject(400, 'constraint_violation', `confirmed_at must not be in the future (got ${confirmedAt}).`, 'confirmed_at');
  return { status: 201, body: { id: newId(), person_id: req.params.id, event_type: eventType, confirmed_at: confirmedAt } };
}

function createActivity(req: EmuRequest): EmuResponse {
  const body = jsonObject(req);
  const deviceData = requiredString(body, 'device_data');
  if (!isBase64(deviceData)) reject(400, 'validation_error', 'device_data must be the Base64 string the Seon SDK returns.', 'device_data');
  const activityType = requiredEnum(body, 'activity_type', deviceActivityTypes);
  return { status: 201, body: { id: newId(), person_id: req.params.id, activity_type: activityType } };
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Standard Base64 with its padding; Buffer.from(…, 'base64') alone would accept anything. */
function isBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

function newId(): string {
  return randomBytes(16).toString('hex');
}
