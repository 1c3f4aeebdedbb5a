/** Values as words of the shell commands the CLI prints for people to paste (hints, `--curl`, suggested next steps). */

/** Always single-quoted, `'` written as `'\''`: a path in a hint reads the same whatever it holds. */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * As it is when it is plainly safe (`POST`, `check-42`, `/home/me/key.pem`), single-quoted otherwise. `=` is not plain:
 * zsh expands a word that starts with it; nor is `~`, which the shell expands to a home folder.
 */
export function shellWord(value: string): string {
  return /^[\w.,:/@%+-]+$/.test(value) ? value : shellQuote(value);
}
