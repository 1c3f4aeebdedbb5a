import { setTimeout as delay } from 'node:timers/promises';

const POLL_MS = 10;

/** The first item that passes `test`, waiting for it to arrive (a listener reports from its own sockets); undefined after `timeoutMs`. */
export async function waitFor<T, S extends T>(items: readonly T[], test: (item: T) => item is S, signal: AbortSignal, timeoutMs = 5_000): Promise<S | undefined> {
  for (let waited = 0; ; waited += POLL_MS) {
    const found = items.find(test);
    if (found !== undefined || waited >= timeoutMs) return found;
    await delay(POLL_MS, undefined, { signal });
  }
}
