/** Node's file-system errors in words a one-line message can quote (pure: it reads the error, never the disk). */

/** `ENOENT: no such file or directory` out of Node's `ENOENT: no such file or directory, open '/x'` (callers name the path). */
export function describeFsError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^([A-Z][A-Z0-9_]*: [^,]+)/.exec(message)?.[1] ?? message;
}

/** The error's code, such as `ENOENT`, when it has one. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
