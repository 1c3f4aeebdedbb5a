import type { Io } from '../../io/io.js';

/** `name  value` lines on stdout, names aligned: one record for people and for `cut`/`awk`. */
export function renderFields(io: Io, fields: readonly (readonly [string, string])[]): void {
  const width = Math.max(0, ...fields.map(([name]) => name.length));
  for (const [name, value] of fields) io.out(`${io.outStyle.bold(name.padEnd(width))}  ${value}\n`);
}

/** The scalar members of an API answer, as fields (nested values as JSON). */
export function answerFields(answer: unknown): [string, string][] {
  if (typeof answer !== 'object' || answer === null) return [['answer', JSON.stringify(answer)]];
  return Object.entries(answer).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]);
}
