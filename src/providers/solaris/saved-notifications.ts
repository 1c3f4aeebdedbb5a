import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFsError } from '../../core/fs-errors.js';
import { formatRecordedRequest, headerValue, parseRecordedRequest, type RecordedRequest } from '../../core/http-message.js';
import { UsageError } from '../../errors.js';

/**
 * Notifications kept by `webhooks listen --save DIR`, one `.http` file each (core/http-message.ts), named by
 * arrival time and event type so `ls` lists them in order. 0600: notifications carry personal data.
 */
export async function saveNotification(dir: string, request: RecordedRequest, receivedAt: number): Promise<string> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date(receivedAt).toISOString().replace(/[-:]/g, '');
  const eventType = (headerValue(request.headers, 'solaris-webhook-event-type') ?? 'unknown').replace(/[^A-Za-z0-9_-]/g, '_');
  const bytes = formatRecordedRequest(request);
  for (let n = 1; ; n++) {
    const path = join(dir, `${stamp}-${eventType}${n === 1 ? '' : `-${n}`}.http`);
    try {
      await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A saved notification, or a usage error (exit 2) saying why the file cannot be replayed. */
export async function loadNotification(path: string): Promise<RecordedRequest> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UsageError(`Cannot read ${path}: ${describeFsError(error)}`, { code: 'file_unreadable', cause: error });
  }
  try {
    return parseRecordedRequest(bytes);
  } catch (error) {
    throw new UsageError(`${path} is not a saved notification: ${(error as Error).message}.`, {
      code: 'bad_notification_file',
      hint: 'Give a file written by "fintech-cli webhooks listen --save DIR".',
    });
  }
}
