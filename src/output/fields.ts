import type { Io } from '../io/io.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { oneCell } from './table.js';

/**
 * Labelled lines on stdout: on a terminal, labels aligned and bold for people, control characters in labels and
 * values (a provider's) shown escaped; piped, `label<TAB>value` lines, as tables are TSV (`cut -f2`, `awk -F'\t'`).
 */
export function renderFields(io: Io, fields: readonly (readonly [string, string])[]): void {
  if (!io.stdoutIsTTY) {
    for (const [label, value] of fields) io.out(`${oneCell(label)}\t${oneCell(value)}\n`);
    return;
  }
  const safe = terminalSafe(io.streams.stdout);
  const shown = fields.map(([label, value]) => [safe(label), safe(value.replace(/[\r\n]+/g, ' '))] as const);
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  for (const [label, value] of shown) io.out(`${io.outStyle.bold(label.padEnd(width))}  ${value}\n`);
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
