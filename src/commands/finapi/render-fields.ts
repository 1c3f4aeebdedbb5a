import type { Io } from '../../io/io.js';

/** Labelled lines on stdout, values aligned, so people read them and `awk '$1 == "label"'` finds them. */
export function renderFields(io: Io, fields: readonly (readonly [string, string])[]): void {
  const width = Math.max(0, ...fields.map(([label]) => label.length));
  for (const [label, value] of fields) io.out(`${label.padEnd(width)}  ${value.replace(/[\r\n]+/g, ' ')}\n`);
}

/** A provider's answer as labelled lines: its fields in its own names and order, `-` where empty. */
export function renderRecord(io: Io, record: Record<string, unknown>): void {
  renderFields(io, Object.entries(record).map(([name, value]) => [name, shown(value)]));
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '-';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
