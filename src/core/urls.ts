import { UsageError } from '../errors.js';

/** Accepts an absolute http(s) URL and returns it without trailing slashes; `what` names where it came from. */
export function parseBaseUrl(value: string, what: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${what}: "${value}" is not a URL.`, { hint: 'Give an absolute URL such as https://api.example.com.' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${what}: "${value}" is not an http(s) URL.`, { hint: 'Use an https:// URL (http:// only for local servers).' });
  }
  return value.replace(/\/+$/, '');
}
