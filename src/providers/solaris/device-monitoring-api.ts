import type { deviceActivityTypes, deviceConsentEvents } from '../../core/device-data.js';
import type { ProviderSession } from '../session.js';

/** Device monitoring (providers.md §1): the person's consent, and activities carrying the Seon fingerprint. */

export interface DeviceConsent {
  event_type: (typeof deviceConsentEvents)[number];
  /** ISO 8601 with a zone, not in the future. */
  confirmed_at: string;
}

export interface DeviceActivity {
  activity_type: (typeof deviceActivityTypes)[number];
  /** The Seon SDK's Base64 fingerprint. */
  device_data: string;
}

/** `POST /v1/persons/{id}/device_consents`; the answer as Solaris gives it. */
export async function createDeviceConsent(solaris: ProviderSession, personId: string, consent: DeviceConsent): Promise<unknown> {
  const res = await solaris.call({
    method: 'POST',
    path: `/v1/persons/${encodeURIComponent(personId)}/device_consents`,
    json: consent,
    what: 'recording the device consent',
  });
  return res.json();
}

/** `POST /v1/persons/{id}/device_activities`. */
export async function createDeviceActivity(solaris: ProviderSession, personId: string, activity: DeviceActivity): Promise<unknown> {
  const res = await solaris.call({
    method: 'POST',
    path: `/v1/persons/${encodeURIComponent(personId)}/device_activities`,
    json: activity,
    what: 'recording the device activity',
  });
  return res.json();
}
