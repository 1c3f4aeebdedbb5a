import { randomBytes } from 'node:crypto';
import { createRingBuffer } from '../ring-buffer.js';
import type { EmulatorEnv, Handler, Route, Service } from '../types.js';
import { deviceMonitoringRoutes } from './device-monitoring.js';
import { requireBearer, tokenRoute } from './oauth.js';
import { solarisHandler } from './request-checks.js';
import { createSubscriptionStore, webhookRoutes } from './webhooks.js';
import { entityIdOf, samplePayload } from '../../providers/solaris/events.js';
import { DEFAULT_RETRY_INTERVAL_MS } from '../../providers/solaris/notifications.js';
import { createDeliveryEngine, type DeliveryRecord } from './delivery-engine.js';

export const SOLARIS_AUTH_PREFIX = '/solaris/auth';
export const SOLARIS_API_PREFIX = '/solaris/api';

export interface SolarisEmulatorOptions {
  /** Base of the webhook retry schedule; default 30 s (20 retries over about 7 days). */
  retryIntervalMs?: number;
  /** Aborted when the emulator closes: stops check calls, deliveries and scheduled retries. */
  signal: AbortSignal;
}

export interface SolarisEvent {
  event_type: string;
  /** The notification body; default: a sample for the event type (`{}` for entity-only events). */
  payload?: unknown;
  /** `Solaris-Entity-Id`; default: the payload's own id, or a new one. */
  entity_id?: string;
}

export interface TriggeredNotification {
  notification_id: string;
  subscription_id: string;
  url: string;
}

export interface SolarisEmulator {
  services: Service[];
  /** Sends an event to the subscription of its type, if any (`POST /_admin/solaris/events`). */
  trigger(event: SolarisEvent): { entity_id: string; notifications: TriggeredNotification[] };
  /** The most recent delivery attempts, oldest first (`GET /_admin/deliveries`). */
  deliveries(): DeliveryRecord[];
}

const KEPT_DELIVERIES = 1000;

/** The emulated Solaris: token endpoint, Bearer-checked API, webhook subscriptions and their delivery, device monitoring. */
export function solarisEmulator(env: EmulatorEnv, options: SolarisEmulatorOptions): SolarisEmulator {
  const subscriptions = createSubscriptionStore();
  const deliveries = createRingBuffer<DeliveryRecord>(KEPT_DELIVERIES);
  const engine = createDeliveryEngine({
    retryIntervalMs: options.retryIntervalMs ?? DEFAULT_RETRY_INTERVAL_MS,
    now: env.now,
    subscriptions,
    onRecord(record) {
      deliveries.push(record);
      env.log({ type: 'delivery', ...record });
    },
    signal: options.signal,
  });
  const apiRoutes = [...webhookRoutes(env, subscriptions, { apiPrefix: SOLARIS_API_PREFIX, signal: options.signal }), ...deviceMonitoringRoutes(env)];

  return {
    services: [
      { prefix: SOLARIS_AUTH_PREFIX, routes: [tokenRoute(env)] },
      { prefix: SOLARIS_API_PREFIX, routes: apiRoutes.map((route) => ({ ...route, handler: withBearer(env, route.handler) })) },
    ],
    trigger(event) {
      const entityId = event.entity_id ?? entityIdOf(event.payload, randomBytes(16).toString('hex'));
      const payload = event.payload ?? samplePayload(event.event_type, { entityId, now: env.now() });
      const notification = { eventType: event.event_type, entityId, body: Buffer.from(JSON.stringify(payload), 'utf8') };
      const subscription = subscriptions.forEventType(event.event_type);
      const notifications =
        subscription === undefined
          ? []
          : [{ notification_id: engine.deliver(notification, subscription), subscription_id: subscription.id, url: subscription.url }];
      return { entity_id: entityId, notifications };
    },
    deliveries: () => deliveries.items(),
  };
}

function withBearer(env: EmulatorEnv, handler: Handler): Route['handler'] {
  return solarisHandler((req) => {
    requireBearer(env, req);
    return handler(req);
  });
}
