import { UsageError } from '../errors.js';

/** An http(s) URL without trailing slashes; `subject` says where it came from, so the user knows what to fix. */
export function parseBaseUrl(value: string, subject: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new UsageError(`Invalid ${subject}: ${JSON.stringify(value)}`, {
      code: 'invalid_url',
      hint: 'Give an http:// or https:// URL, e.g. https://api.example.com.',
    });
  }
  return value.replace(/\/+$/, '');
}
