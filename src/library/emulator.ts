import { startEmulator as start } from '../emulator/server.js';
import { triggerInEmulator } from '../providers/solaris/trigger-via-emulator.js';
import type { EmulatorEvent, EmulatorOptions, RunningEmulator, TriggeredEvent, TriggerOptions } from './types.js';

/** The HTTP client `triggerInEmulator` takes: one `send`. */
type Sender = Parameters<typeof triggerInEmulator>[0];

/**
 * `startEmulator` of the library (start-emulator.ts imports this module on its first call): the emulator of
 * `fintech-cli emulator` (src/emulator/server.ts) started in this process, its log read by `requests()`.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emulator = await start({
    port: options.port ?? 0,
    host: options.host,
    soldoPublicKeyPem: options.soldoPublicKey,
    retryIntervalMs: options.retryInterval,
    tokenTtlSeconds: options.tokenTtl,
  });
  const { url, close } = emulator;
  return {
    url,
    credentials: structuredClone(emulator.credentials),
    close,
    requests: (): EmulatorEvent[] => structuredClone(emulator.eventLog()),
    // The admin route `webhooks trigger` calls, through the same function, with fetch for its HTTP client.
    trigger: (eventType: string, { payload, entityId }: TriggerOptions = {}): Promise<TriggeredEvent> =>
      triggerInEmulator({ send: fetchSend }, url, { event_type: eventType, payload, ...(entityId === undefined ? {} : { entity_id: entityId }) }),
  };
}

/** Sends one request with the platform's fetch: the library brings no HTTP client of its own. */
const fetchSend: Sender['send'] = async (request) => {
  const answer = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body });
  const body = Buffer.from(await answer.arrayBuffer());
  return {
    status: answer.status,
    headers: Object.fromEntries(answer.headers),
    body,
    url: answer.url,
    attempts: 1,
    text: () => body.toString('utf8'),
    json: <T>() => JSON.parse(body.toString('utf8')) as T,
  };
};
