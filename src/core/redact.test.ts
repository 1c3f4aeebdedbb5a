import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED, secretEncodings, splitBySecrets } from './redact.js';

describe('createRedactor().headers', () => {
  const redactor = createRedactor(['tok-123456']);

  it.each([
    ['Authorization', 'Bearer eyJhbGciOi.payload.sig', 'Bearer [REDACTED]'],
    ['authorization', 'Basic Y2xpZW50OnNlY3JldA==', 'Basic [REDACTED]'],
    ['Proxy-Authorization', 'Basic dTpw', 'Basic [REDACTED]'],
    ['Solaris-Webhook-Signature', 'sha256=4f1c0e5d9a', 'sha256=[REDACTED]'],
    ['X-Soldo-Fingerprint', '2681a9bc561c7458', REDACTED],
    // A Base64 signature may contain '=': it must not pass for a scheme.
    ['X-Soldo-Fingerprint-Signature', 'QUJDRA==', REDACTED],
    ['Cookie', 'session=abc; theme=dark', REDACTED],
    ['set-cookie', 'session=abc; Path=/; HttpOnly', REDACTED],
  ])('masks %s, keeping its scheme', (name, value, expected) => {
    expect(redactor.headers({ [name]: value })).toEqual({ [name]: expected });
  });

  it('leaves other headers alone except for known secret values', () => {
    expect(redactor.headers({ 'content-type': 'application/json', 'x-echo': 'value tok-123456 here' })).toEqual({
      'content-type': 'application/json',
      'x-echo': `value ${REDACTED} here`,
    });
  });
});

describe('createRedactor().body', () => {
  const redactor = createRedactor([]);

  it('masks credential fields of a form body, whatever their case or encoding', () => {
    const form = 'grant_type=password&client_id=abc&Client_Secret=s%26x&password=p&user%6eame=u&refresh_token=r&scope=all';
    expect(redactor.body('application/x-www-form-urlencoded; charset=utf-8', form)).toBe(
      'grant_type=password&client_id=abc&Client_Secret=[REDACTED]&password=[REDACTED]&user%6eame=u&refresh_token=[REDACTED]&scope=all',
    );
  });

  it('masks credential fields at any depth of a JSON body', () => {
    const json = JSON.stringify({
      clientId: 'id',
      clientSecret: 'cs',
      nested: { Secret: 's', list: [{ accessToken: 'a', keep: 1 }, { processToken: { deep: 'x' } }] },
      token: 'fp',
      fingerprint_token: 'ft',
      id_token: 'it',
      access_token: 'at',
      count: 3,
    });
    expect(JSON.parse(redactor.body('application/json', json))).toEqual({
      clientId: 'id',
      clientSecret: REDACTED,
      nested: { Secret: REDACTED, list: [{ accessToken: REDACTED, keep: 1 }, { processToken: REDACTED }] },
      token: REDACTED,
      fingerprint_token: REDACTED,
      id_token: REDACTED,
      access_token: REDACTED,
      count: 3,
    });
  });

  it('treats +json media types as JSON', () => {
    expect(redactor.body('application/vnd.api+json', '{"secret":"x"}')).toBe('{"secret":"[REDACTED]"}');
  });

  it('falls back to known values for unparsable JSON and other types', () => {
    const withSecret = createRedactor(['hunter2-secret']);
    expect(withSecret.body('application/json', '{"secret":"hunter2-secret"')).toBe(`{"secret":"${REDACTED}"`);
    expect(withSecret.body('text/plain', 'password=hunter2-secret')).toBe(`password=${REDACTED}`);
    expect(withSecret.body(undefined, 'hunter2-secret')).toBe(REDACTED);
  });

  it('masks a secret that an answer echoes inside a JSON string, escaped twice', () => {
    const echoed = JSON.stringify({ message: `you sent ${JSON.stringify({ note: 'a"b\\c/secret' })}` });
    expect(createRedactor(['a"b\\c/secret']).body('application/json', echoed)).toBe(JSON.stringify({ message: `you sent {"note":"${REDACTED}"}` }));
  });

  it('also masks known values in fields it does not know', () => {
    expect(createRedactor(['my-client-secret']).body('application/json', '{"note":"my-client-secret"}')).toBe(
      `{"note":"${REDACTED}"}`,
    );
  });
});

describe('createRedactor().text', () => {
  it('replaces every occurrence of every known value', () => {
    expect(createRedactor(['alpha-1', 'beta-22']).text('alpha-1 beta-22 alpha-1')).toBe(`${REDACTED} ${REDACTED} ${REDACTED}`);
  });

  it('ignores values shorter than 4 characters', () => {
    expect(createRedactor(['abc', '', 'abcd']).text('abc abcd')).toBe(`abc ${REDACTED}`);
  });

  it('prefers the longest value where two overlap', () => {
    expect(createRedactor(['secret', 'secret-long']).text('x secret-long y secret')).toBe(`x ${REDACTED} y ${REDACTED}`);
  });

  it('masks a secret in every encoding a request or an echoing server gives it', () => {
    const secret = 'Sëcret&=+/%"\\ x';
    const shown = [
      secret,
      encodeURIComponent(secret), // a URL path or query
      'S%c3%abcret%26%3d%2b%2f%25%22%5c%20x', // lower-case hex, as some servers echo
      new URLSearchParams({ v: secret }).toString().slice(2), // a form body: `+` for the space
      JSON.stringify(secret).slice(1, -1), // a JSON string
      'S\\u00ebcret&=+\\/%\\"\\\\ x', // JSON as PHP writes it: ASCII only, `/` escaped
      'S\\u00EBcret&=+/%\\"\\\\ x', // upper-case \u escapes
      JSON.stringify(JSON.stringify(secret).slice(1, -1)).slice(1, -1), // a JSON request echoed in a JSON string
    ];
    const text = shown.map((s) => `<${s}>`).join(' ');
    expect(createRedactor([secret]).text(text)).toBe(shown.map(() => `<${REDACTED}>`).join(' '));
    expect(secretEncodings(secret)).toHaveLength(new Set(secretEncodings(secret)).size);
    expect(secretEncodings('abc')).toEqual([]);
  });

  it("masks a secret as HTML-safe JSON encoders write it (Go's encoding/json, .NET's System.Text.Json)", () => {
    const secret = "pa&s<w>rd'+\"é-1";
    const shown = [
      'pa\\u0026s\\u003cw\\u003erd\'+\\"é-1', // Go: <, > and & as \u escapes in lower-case hex, the rest as JSON
      'pa\\u0026s\\u003Cw\\u003Erd\\u0027\\u002B\\u0022\\u00E9-1', // .NET: also ' + and the quote, ASCII only, upper-case hex
      'pa\\\\u0026s\\\\u003cw\\\\u003erd\'+\\\\\\"é-1', // Go's JSON echoed inside another JSON string
    ];
    const text = shown.map((s) => `<${s}>`).join(' ');
    expect(createRedactor([secret]).text(text)).toBe(shown.map(() => `<${REDACTED}>`).join(' '));
  });

  it('redacts base64(client_id:client_secret) when given as a secret', () => {
    const basic = Buffer.from('client:s3cret-value').toString('base64');
    expect(createRedactor(['s3cret-value', basic]).text(`Basic ${basic}`)).toBe(`Basic ${REDACTED}`);
  });
});

describe('splitBySecrets', () => {
  it('returns literal text and the matched secret objects in order', () => {
    const a = { value: 'AAAA', envVar: 'A' };
    const b = { value: 'BBBBB', envVar: 'B' };
    expect(splitBySecrets('xAAAAyBBBBBAAAA', [a, b])).toEqual(['x', a, 'y', b, a]);
    expect(splitBySecrets('plain', [a])).toEqual(['plain']);
    expect(splitBySecrets('', [a])).toEqual([]);
  });

  it('redacts JSON token fields even when the Content-Type does not say JSON', () => {
    const redactor = createRedactor([]);
    const out = redactor.body(undefined, '{"access_token":"tok-abc-123456","expires_in":3599}');
    expect(out).not.toContain('tok-abc-123456');
    expect(out).toContain('3599');
    expect(redactor.body('text/plain', 'not json at all')).toBe('not json at all');
  });
});

describe('createRedactor().body of JSON too deep to walk', () => {
  it('shows nothing of it rather than an unmasked token, and does not throw', () => {
    const deep = `{"access_token":"tok-deep-1","x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const shown = createRedactor([]).body('application/json', deep);
    expect(shown).toBe(`[${deep.length} characters of JSON nested too deeply to redact: not shown]`);
  });
});
