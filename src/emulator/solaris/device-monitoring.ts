import { randomBytes } from 'node:crypto';
import { deviceActivityTypes, deviceConsentEvents, isStrictBase64, parseZonedTimestamp } from '../../core/device-data.js';
import type { EmulatorEnv, EmuRequest, EmuResponse, Route } from '../types.js';
import { jsonObject, reject, requiredEnum, requiredString } from './request-checks.js';

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
  const at = parseZonedTimestamp(confirmedAt);
  if (at === undefined) {
    reject(400, 'validation_error', `confirmed_at must be an ISO 8601 date-time with a zone, e.g. 2026-01-31T12:00:00Z (got ${confirmedAt}).`, 'confirmed_at');
  }
  if (at > env.now()) reject(400, 'constraint_violation', `confirmed_at must not be in the future (got ${confirmedAt}).`, 'confirmed_at');
  // The documented 201: the consent as recorded, with the time Solaris recorded it.
  return {
    status: 201,
    body: { id: `${newId()}con`, person_id: req.params.id, event_type: eventType, confirmed_at: confirmedAt, created_at: new Date(env.now()).toISOString() },
  };
}

function createActivity(req: EmuRequest): EmuResponse {
  const body = jsonObject(req);
  const deviceData = requiredString(body, 'device_data');
  if (!isStrictBase64(deviceData)) reject(400, 'validation_error', 'device_data must be the Base64 string the Seon SDK returns.', 'device_data');
  const activityType = requiredEnum(body, 'activity_type', deviceActivityTypes);
  return { status: 201, body: { id: newId(), person_id: req.params.id, activity_type: activityType } };
}

function newId(): string {
  return randomBytes(16).toString('hex');
}
