import type { Io } from '../io/io.js';

/** Labelled lines on stdout, labels aligned: one record for people, and for `awk '$1 == "label"'` in scripts. */
export function renderFields(io: Io, fields: readonly (readonly [string, string])[]): void {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  for (const [label, value] of fields) io.out(`${io.outStyle.bold(label.padEnd(width))}  ${value.replace(/[\r\n]+/g, ' ')}\n`);
}

/** A provider's answer as fields: its members in its own names and order, nested values as JSON, `-` where empty. */
export function recordFields(record: unknown): [string, string][] {
  if (typeof record !== 'object' || record === null) return [['answer', JSON.stringify(record)]];
  return Object.entries(record).map(([name, value]) => [name, shown(value)]);
}

export function renderRecord(io: Io, record: unknown): void {
  renderFields(io, recordFields(record));
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
