import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../http/client.js';
import { describeErrorBody, errorFromResponse } from './api-errors.js';

function response(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  const bytes = Buffer.from(body);
  return { status, headers, body: bytes, url: 'https://api.example.com/x', attempts: 1, text: () => body, json: () => JSON.parse(body) as never };
}

const solarisError = JSON.stringify({ errors: [{ id: 'e1', code: 'generic_error', title: 'Generic Error', detail: 'Down.' }] });

describe('errorFromResponse for a write the client did not send again', () => {
  it.each(['POST', 'PUT', 'patch', 'DELETE'])('says a %s answered 5xx may have been carried out, and to check before sending it again', (method) => {
    const error = errorFromResponse('solaris', 'creating the webhook', response(503, solarisError), { method });
    expect(error.message).toBe(
      `Solaris answered 503 to creating the webhook: Generic Error: Down. (code generic_error, id e1); the ${method.toUpperCase()} may have been carried out: check before sending it again`,
    );
    expect(error.hint).toBe('The provider had a problem; see whether the change was made (list or get it) before you try again.');
  });

  it('says a POST answered 429 was not carried out, and when to send it again', () => {
    const error = errorFromResponse('solaris', 'creating the webhook', response(429, solarisError, { 'retry-after': '7' }), { method: 'POST' });
    expect(error.message).toMatch(/; the POST was refused and not carried out: send it again in 7 s$/);
    const undated = errorFromResponse('solaris', 'creating the webhook', response(429, solarisError), { method: 'POST' });
    expect(undated.message).toMatch(/; the POST was refused and not carried out$/);
  });

  it('says a PUT (a Soldo transfer) answered 429 was not carried out', () => {
    const error = errorFromResponse('soldo', 'the transfer', response(429, '{}'), { method: 'PUT' });
    expect(error.message).toMatch(/; the PUT was refused and not carried out$/);
  });

  it('adds nothing for reads (retried by the client), nor for other 4xx', () => {
    for (const [method, status] of [['GET', 503], ['HEAD', 502], ['OPTIONS', 429], ['POST', 400], [undefined, 500]] as const) {
      const error = errorFromResponse('solaris', 'x', response(status, solarisError), { method });
      expect(error.message).toBe(`Solaris answered ${status} to x: Generic Error: Down. (code generic_error, id e1)`);
    }
  });
});

describe('describeErrorBody', () => {
  it('masks credential fields of a JSON answer of no known shape', () => {
    expect(describeErrorBody(Buffer.from('{"message":"bad","access_token":"tok-123456","client_secret":"s3cr3t"}')).text).toBe(
      '{"message":"bad","access_token":"[REDACTED]","client_secret":"[REDACTED]"}',
    );
  });

  it("reads GiroIdent v2's {error-code, error-message}", () => {
    const body = { 'error-code': 'INVALID_PARAMETER', 'error-message': 'iban is not a valid IBAN', time: '2026-12-02T10:00:00Z', 'request-id': 'r-1' };
    expect(describeErrorBody(Buffer.from(JSON.stringify(body)))).toEqual({ text: 'iban is not a valid IBAN (code INVALID_PARAMETER)', code: 'INVALID_PARAMETER' });
    expect(describeErrorBody(Buffer.from('{"error-code":"UNAUTHORIZED"}'))).toEqual({ text: 'UNAUTHORIZED', code: 'UNAUTHORIZED' });
  });

  it('does not fail on JSON too deep to walk', () => {
    expect(describeErrorBody(Buffer.from(`{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)).text).toMatch(/nested too deeply to redact: not shown\]$/);
  });
});

describe('answers that say nothing in a provider format', () => {
  it.each([
    ['plain text', 502, 'upstream connect error or disconnect/reset before headers', 'Solaris answered 502 Bad Gateway to x: upstream connect error or disconnect/reset before headers'],
    ['an empty body', 503, '', 'Solaris answered 503 Service Unavailable to x: empty body'],
    ['HTML', 500, '<html>\n<body>Oops</body>\n</html>', 'Solaris answered 500 Internal Server Error to x: <html> <body>Oops</body> </html>'],
    ['an error entry without words', 500, '{"errors":[{"id":"e-7"}]}', 'Solaris answered 500 Internal Server Error to x: no message (id e-7)'],
    ['an error entry with a code only', 418, '{"errors":[{"code":"teapot"}]}', 'Solaris answered 418 to x: no message (code teapot)'],
  ])('shows %s as text with the status line', (_, status, body, message) => {
    expect(errorFromResponse('solaris', 'x', response(status, body)).message).toBe(message);
  });

  it('reads RFC 9457 problem details, as other servers send them', () => {
    const body = JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'amount must be positive' });
    expect(errorFromResponse('soldo', 'the transfer', response(400, body)).message).toBe('Soldo answered 400 to the transfer: Bad Request: amount must be positive');
  });

  it('keeps the provider formats as they were: words, then code and id; JSON of another shape as it is', () => {
    expect(errorFromResponse('solaris', 'x', response(401, '{}')).message).toBe('Solaris answered 401 to x: {}');
    expect(describeErrorBody(Buffer.from(solarisError))).toEqual({ text: 'Generic Error: Down. (code generic_error, id e1)', code: 'generic_error' });
    expect(describeErrorBody(Buffer.from('{"error":"invalid_client"}'))).toEqual({ text: 'invalid_client', code: 'invalid_client' });
  });
});
