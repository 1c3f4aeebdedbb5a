import { randomBytes } from 'node:crypto';
import { notificationFor } from '../../providers/solaris/event-samples.js';
import { DEFAULT_RETRY_INTERVAL_MS } from '../../providers/solaris/notifications.js';
import type { DeliveryRecord } from '../../providers/solaris/trigger-wire.js';
import { createRingBuffer } from '../ring-buffer.js';
import type { EmulatedProvider, EmulatorEnv, Handler, Route } from '../types.js';
import { solarisAdminRoutes } from './admin-routes.js';
import { createDeliveryEngine } from './delivery-engine.js';
import { deviceMonitoringRoutes } from './device-monitoring.js';
import { solarisError } from './error-format.js';
import { requireBearer, tokenRoute } from './oauth.js';
import { solarisHandler } from './request-checks.js';
import { createSubscriptionStore, webhookRoutes } from './webhooks.js';

const SOLARIS_AUTH_PREFIX = '/solaris/auth';
const SOLARIS_API_PREFIX = '/solaris/api';

export interface SolarisEmulatorOptions {
  /** Base of the webhook retry schedule; default 30 s (17 retries within 5 days). */
  retryIntervalMs?: number;
  /** Aborted when the emulator closes: stops check calls, deliveries and scheduled retries. */
  signal: AbortSignal;
}

const KEPT_DELIVERIES = 1000;

/**
 * The emulated Solaris: token endpoint, Bearer-checked API, webhook subscriptions and their delivery, device
 * monitoring; and the admin routes that trigger an event and list the deliveries.
 */
export function solarisEmulator(env: EmulatorEnv, options: SolarisEmulatorOptions): EmulatedProvider {
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

  const adminRoutes = solarisAdminRoutes({
    trigger(event) {
      const newId = () => randomBytes(16).toString('hex');
      const { body, entityId } = notificationFor(event.event_type, { payload: event.payload, entityId: event.entity_id, now: env.now(), newId });
      const notification = { eventType: event.event_type, entityId, body: Buffer.from(JSON.stringify(body), 'utf8') };
      const subscription = subscriptions.forEventType(event.event_type);
      const notifications =
        subscription === undefined
          ? []
          : [{ notification_id: engine.deliver(notification, subscription), subscription_id: subscription.id, url: subscription.url }];
      return { event_type: event.event_type, entity_id: entityId, notifications };
    },
    deliveries: () => deliveries.items(),
  });

  return {
    root: '/solaris',
    errorFormat: solarisError,
    services: [
      { prefix: SOLARIS_AUTH_PREFIX, routes: [tokenRoute(env)] },
      { prefix: SOLARIS_API_PREFIX, routes: apiRoutes.map((route) => ({ ...route, handler: withBearer(env, route.handler) })) },
    ],
    adminRoutes,
  };
}

function withBearer(env: EmulatorEnv, handler: Handler): Route['handler'] {
  return solarisHandler((req) => {
    requireBearer(env, req);
    return handler(req);
  });
}
