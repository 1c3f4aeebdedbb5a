import type { DeliveryOutcome } from './notifications.js';

/**
 * The bodies of the emulator's Solaris admin routes (docs/emulator.md), `POST /_admin/solaris/events` and
 * `GET /_admin/deliveries`: the emulator answers them and `webhooks trigger` calls them, so both read them here.
 */

/** `POST /_admin/solaris/events`: an event for the emulator to deliver to its subscription of that type. */
export interface TriggerRequest {
  event_type: string;
  /** The notification body, sent as compact JSON; default: a sample for the event type (`{}` for entity-only events). */
  payload?: unknown;
  /** `Solaris-Entity-Id`; default: the payload's own id, or a new one. */
  entity_id?: string;
}

export interface TriggeredNotification {
  notification_id: string;
  subscription_id: string;
  url: string;
}

/** Its answer: one notification per subscription of the event type, so none or one. */
export interface TriggerAnswer {
  event_type: string;
  entity_id: string;
  notifications: TriggeredNotification[];
}

/** `GET /_admin/deliveries` (and the `delivery` events of the log): one attempt and what came of it. */
export interface DeliveryRecord {
  notification_id: string;
  subscription_id: string;
  event_type: string;
  url: string;
  attempt: number;
  /** The receiver's status, or `error` when there was no answer. */
  status?: number;
  error?: string;
  outcome: DeliveryOutcome;
  at: string;
}
