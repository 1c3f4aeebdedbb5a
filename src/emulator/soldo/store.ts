import { randomUUID } from 'node:crypto';
import type { EmuRequest, EmuResponse } from '../types.js';
import type { Resource, SoldoData } from './demo-data.js';
import { notFound, SoldoFailure } from './http.js';

/** What every group of Soldo operations works on: the demo company's state and the emulator's clock. */
export interface SoldoContext {
  readonly data: SoldoData;
  /** The emulator's clock as Soldo writes times: `2024-03-01T12:00:00Z`. */
  now(): string;
}

/** An operation's answer by operation id; the request has passed authentication and its contract. */
export type OperationHandlers = Record<string, (req: EmuRequest) => EmuResponse>;

export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function newId(): string {
  return randomUUID();
}

/** The item with this id, or Soldo's 404. */
export function byId<T extends Resource>(items: readonly T[], what: string, id: string | undefined, key = 'id'): T {
  const item = items.find((candidate) => candidate[key] === id);
  if (item === undefined) throw notFound(what, id ?? '');
  return item;
}

/** The resources a signed operation creates, e.g. `addresses`; empty until the first is created. */
export function collection(data: SoldoData, name: string): Resource[] {
  let items = data.collections.get(name);
  if (items === undefined) data.collections.set(name, (items = []));
  return items;
}

/** The fields of `body` named in `names` that it has, for copying into a resource. */
export function pick(body: Record<string, unknown>, names: readonly string[]): Resource {
  return Object.fromEntries(names.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]));
}

/** A required path parameter (the router never matches an empty segment). */
export function param(req: EmuRequest, name: string): string {
  const value = req.params[name];
  if (value === undefined) throw new Error(`no path parameter ${name}`);
  return value;
}

/** Whole cents, so that balances never pick up binary fractions. */
export function cents(amount: number): number {
  return Math.round(amount * 100);
}

export function badRequest(message: string, code = 'BAD_REQUEST'): SoldoFailure {
  return new SoldoFailure(400, code, message);
}

/** No filter, or the value equal to the query's. */
export function matches(query: URLSearchParams, name: string, value: unknown): boolean {
  const wanted = query.get(name);
  return !wanted || wanted === value;
}
