import type { Io } from '../io/io.js';
import { terminalSafe } from '../io/terminal-safe.js';

/**
 * Rows for people on a terminal (aligned columns with a bold header), TSV for scripts when piped,
 * like `gh` does. Cells are flattened to one line so TSV stays one record per line; on a terminal, control characters
 * in them (a provider's values) are shown escaped.
 */
export function renderTable(io: Io, headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const safe = terminalSafe(io.streams.stdout);
  const clean = rows.map((row) => row.map((cell) => safe(cell.replace(/[\t\r\n]+/g, ' '))));
  if (!io.stdoutIsTTY) {
    for (const row of clean) io.out(`${row.join('\t')}\n`);
    return;
  }
  const widths = headers.map((header, i) => Math.max(header.length, ...clean.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  io.out(`${io.outStyle.bold(line(headers))}\n`);
  for (const row of clean) io.out(`${line(row)}\n`);
}
