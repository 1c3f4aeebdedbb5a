import { describe, expect, it } from 'vitest';
import { hostHeaderName, isLoopbackHostname } from './loopback.js';

describe('isLoopbackHostname', () => {
  it.each(['localhost', 'LOCALHOST', 'localhost.', 'app.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])('%s is loopback', (name) => {
    expect(isLoopbackHostname(name)).toBe(true);
  });

  it.each(['evil.example', 'localhost.evil.example', '127.0.0.1.evil.example', '128.0.0.1', '127.0.0.256', '0.0.0.0', '[::]', '10.0.0.1', ''])(
    '%s is not',
    (name) => {
      expect(isLoopbackHostname(name)).toBe(false);
    },
  );
});

describe('hostHeaderName', () => {
  it.each([
    ['127.0.0.1:4010', '127.0.0.1'],
    ['[::1]:4010', '[::1]'],
    ['Localhost', 'localhost'],
    ['rebind.evil.example:4010', 'rebind.evil.example'],
  ])('%s names %s', (header, name) => {
    expect(hostHeaderName(header)).toBe(name);
  });

  it('is undefined for what is not a host', () => {
    expect(hostHeaderName('a b')).toBeUndefined();
    expect(hostHeaderName('x/y@z')).toBeUndefined();
    expect(hostHeaderName('127.0.0.1@evil.example')).toBeUndefined();
    expect(hostHeaderName('')).toBeUndefined();
  });
});
