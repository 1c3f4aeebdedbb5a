import { isUnderPrefix } from './router.js';

/**
 * Faults on demand: the next `remaining` calls matching a method and a path prefix answer with an error status,
 * 429 with `Retry-After`, hang, or lose their connection, so clients can rehearse what the real APIs do on bad days.
 */
export type FaultKind = 'status' | 'hang' | 'drop';

export interface Fault {
  id: number;
  /** An HTTP method, or `*` for any. */
  method: string;
  /** Matches this path and everything below it, e.g. `/solaris/api/v1/webhooks`. */
  path: string;
  fault: FaultKind;
  /** `status` faults: a 5xx, or 429. */
  status?: number;
  /** 429: the `Retry-After` seconds. */
  retry_after?: number;
  remaining: number;
}

export type FaultSpec = Omit<Fault, 'id'>;

export interface FaultStore {
  add(spec: FaultSpec): Fault;
  /** The first fault matching this call, counted as used; undefined when none applies. */
  take(method: string, pathname: string): Fault | undefined;
  list(): Fault[];
  /** Removes every fault; returns how many. */
  clear(): number;
  /** Removes the fault with this id; false when there is none. */
  remove(id: number): boolean;
}

export function createFaultStore(): FaultStore {
  let faults: Fault[] = [];
  let nextId = 1;
  return {
    add(spec) {
      const fault = { id: nextId++, ...spec };
      faults.push(fault);
      return fault;
    },
    take(method, pathname) {
      const fault = faults.find((f) => (f.method === '*' || f.method === method) && isUnderPrefix(pathname, f.path));
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((f) => f !== fault);
      return { ...fault };
    },
    list: () => faults.map((f) => ({ ...f })),
    clear() {
      const count = faults.length;
      faults = [];
      return count;
    },
    remove(id) {
      const count = faults.length;
      faults = faults.filter((f) => f.id !== id);
      return faults.length < count;
    },
  };
}

