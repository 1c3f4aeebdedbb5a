import { randomBytes } from 'node:crypto';
import { notificationFor } from '../../providers/solaris/event-samples.js';
import { knownEventTypes } from '../../providers/solaris/events.js';
import { DEFAULT_RETRY_INTERVAL_MS } from '../../providers/solaris/notifications.js';
import type { DeliveryRecord, TriggerAnswer, TriggerRequest } from '../../providers/solaris/trigger-wire.js';
import { bad, ok } from '../admin.js';
import { createRingBuffer } from '../ring-buffer.js';
import type { EmulatedProvider, EmulatorEnv, Handler, InspectorSection, Route } from '../types.js';
import { solarisAdminRoutes, triggerFromBody } from './admin-routes.js';
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

  const trigger = (event: TriggerRequest): TriggerAnswer => {
    const newId = () => randomBytes(16).toString('hex');
    const { body, entityId } = notificationFor(event.event_type, { payload: event.payload, entityId: event.entity_id, now: env.now(), newId });
    const notification = { eventType: event.event_type, entityId, body: Buffer.from(JSON.stringify(body), 'utf8') };
    const subscription = subscriptions.forEventType(event.event_type);
    const notifications =
      subscription === undefined
        ? []
        : [{ notification_id: engine.deliver(notification, subscription), subscription_id: subscription.id, url: subscription.url }];
    return { event_type: event.event_type, entity_id: entityId, notifications };
  };
  const adminRoutes = solarisAdminRoutes({ trigger, deliveries: () => deliveries.items() });

  /** The inspector's view: subscriptions (never their secrets) and each notification with its attempts, newest first. */
  const inspector: InspectorSection = {
    state() {
      const attempts = deliveries.items();
      return {
        event_types: knownEventTypes,
        subscriptions: subscriptions.all().map(({ id, event_type, url }) => ({ id, event_type, url })),
        notifications: engine
          .notifications()
          .reverse()
          .map((n) => ({ ...n, attempt_log: attempts.filter((a) => a.notification_id === n.notification_id) })),
      };
    },
    actions: {
      trigger: (body) => triggerFromBody(trigger, body),
      redeliver(body) {
        const id = body.notification_id;
        if (typeof id !== 'string' || !engine.redeliver(id)) return bad('notification_id must name a notification the emulator still knows.');
        return ok({ redelivered: id });
      },
    },
  };

  return {
    root: '/solaris',
    errorFormat: solarisError,
    services: [
      { prefix: SOLARIS_AUTH_PREFIX, routes: [tokenRoute(env)] },
      { prefix: SOLARIS_API_PREFIX, routes: apiRoutes.map((route) => ({ ...route, handler: withBearer(env, route.handler) })) },
    ],
    adminRoutes,
    inspector,
  };
}

function withBearer(env: EmulatorEnv, handler: Handler): Route['handler'] {
  return solarisHandler((req) => {
    requireBearer(env, req);
    return handler(req);
  });
}
