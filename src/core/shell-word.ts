/** A value as one word of a shell command we suggest: as it is when it is plainly safe, single-quoted otherwise. */
export function shellWord(value: string): string {
  return /^[\w./:@=+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}
