import type { DeliveryRecord, TriggerAnswer, TriggerRequest } from '../../providers/solaris/trigger-wire.js';
import { bad, ok, withJson } from '../admin.js';
import type { EmuResponse, Route } from '../types.js';

/** What the Solaris admin routes act on: the emulated Solaris' webhook deliveries. */
export interface SolarisControls {
  /** Sends an event to the subscription of its type, if any. */
  trigger(event: TriggerRequest): TriggerAnswer;
  /** The most recent delivery attempts, oldest first. */
  deliveries(): DeliveryRecord[];
}

/** `GET /_admin/deliveries` and `POST /_admin/solaris/events` (docs/emulator.md), below the admin prefix. */
export function solarisAdminRoutes(solaris: SolarisControls): Route[] {
  return [
    { method: 'GET', path: '/deliveries', handler: () => ok(solaris.deliveries()) },
    { method: 'POST', path: '/solaris/events', handler: (req) => withJson(req, (body) => triggerFromBody(solaris.trigger, body)) },
  ];
}

/** A `TriggerRequest` body checked and triggered: 202 with the answer, 400 for a bad body (also the inspector's action). */
export function triggerFromBody(trigger: SolarisControls['trigger'], body: Record<string, unknown>): EmuResponse {
  const { event_type: eventType, payload, entity_id: entityId } = body;
  if (typeof eventType !== 'string' || eventType === '') return bad('event_type is required, e.g. IDENTIFICATION.');
  if (entityId !== undefined && (typeof entityId !== 'string' || entityId === '')) return bad('entity_id must be a non-empty string.');
  return { status: 202, body: trigger({ event_type: eventType, payload, entity_id: entityId }) };
}
