/**
 * Text from outside (a notification body, a provider's error message) made inert for a terminal: control characters
 * would otherwise let it clear the screen, rewrite earlier lines, set the window title or write the clipboard (OSC 52).
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls (0x9B alone starts a CSI sequence on many terminals) and the
 * bidirectional overrides that make text display in another order than it is stored in.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Every unsafe character as a visible escape (`\x1b`, `\u202e`); tab and newline are kept. */
export function escapeControlChars(text: string): string {
  return text.replace(UNSAFE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Whether `escapeControlChars` would change the text. */
export function hasControlChars(text: string): boolean {
  return text.search(UNSAFE) !== -1;
}
