/** The text of UTF-8 bytes, or undefined when they are not valid UTF-8 (so binary is never shown as mojibake). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
