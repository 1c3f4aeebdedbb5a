import type { Io } from '../io/io.js';
import { terminalSafe } from '../io/terminal-safe.js';

/** A cell of the CLI's own words shown dim, like `(absent)`: styled here, after the text from outside is made safe. */
export interface DimCell {
  readonly dim: string;
}

/**
 * Rows for people on a terminal (aligned columns with a bold header), TSV for scripts when piped,
 * like `gh` does. Cells are flattened to one line so TSV stays one record per line; on a terminal, control characters
 * in them (a provider's values) are shown escaped.
 */
export function renderTable(io: Io, headers: readonly string[], rows: readonly (readonly (string | DimCell)[])[]): void {
  const safe = terminalSafe(io.streams.stdout);
  const clean = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' ? { text: safe(oneCell(cell)), dim: false } : { text: cell.dim, dim: true })),
  );
  const styled = (text: string, dim: boolean) => (dim ? io.outStyle.dim(text) : text);
  if (!io.stdoutIsTTY) {
    for (const row of clean) io.out(`${row.map((cell) => styled(cell.text, cell.dim)).join('\t')}\n`);
    return;
  }
  const widths = headers.map((header, i) => Math.max(header.length, ...clean.map((row) => (row[i]?.text ?? '').length)));
  const line = (cells: readonly { text: string; dim: boolean }[]) =>
    cells.map((cell, i) => styled(i === cells.length - 1 ? cell.text : cell.text.padEnd(widths[i] ?? 0), cell.dim)).join('  ').trimEnd();
  io.out(`${io.outStyle.bold(line(headers.map((text) => ({ text, dim: false }))))}\n`);
  for (const row of clean) io.out(`${line(row)}\n`);
}

/** A TSV cell stays one cell on one line. */
export function oneCell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
