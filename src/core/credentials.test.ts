import { describe, expect, it } from 'vitest';
import { descriptors } from '../providers/descriptors.js';
import {
  envVarName,
  maskSecret,
  parseSecretReference,
  resolveProviderSettings,
  resolveSetting,
} from './credentials.js';

describe('resolveSetting', () => {
  it.each([
    [{ flag: 'f', env: 'e', config: 'c', fallback: 'd' }, 'f', 'flag'],
    [{ env: 'e', config: 'c', fallback: 'd' }, 'e', 'env'],
    [{ config: 'c', fallback: 'd' }, 'c', 'config'],
    [{ fallback: 'd' }, 'd', 'default'],
    [{}, undefined, undefined],
    [{ flag: '', env: '', config: 'c' }, 'c', 'config'],
    [{ flag: '', env: '', config: '', fallback: '' }, undefined, undefined],
  ] as const)('%j → %s from %s', (sources, value, source) => {
    expect(resolveSetting<string>(sources)).toEqual({ value, source });
  });

  it('keeps non-string values such as numbers and false', () => {
    expect(resolveSetting<number>({ flag: 0, env: 5 })).toEqual({ value: 0, source: 'flag' });
    expect(resolveSetting<boolean>({ env: false, config: true })).toEqual({ value: false, source: 'env' });
  });
});

describe('envVarName', () => {
  it('gives the variables of the CLI contract', () => {
    const names = (['solaris', 'finapi', 'soldo'] as const).flatMap((provider) =>
      descriptors[provider].settingKeys.map((key) => envVarName(provider, key)),
    );
    expect(names).toEqual([
      'FINTECH_CLI_SOLARIS_CLIENT_ID',
      'FINTECH_CLI_SOLARIS_CLIENT_SECRET',
      'FINTECH_CLI_SOLARIS_AUTH_URL',
      'FINTECH_CLI_SOLARIS_API_URL',
      'FINTECH_CLI_FINAPI_CLIENT_ID',
      'FINTECH_CLI_FINAPI_CLIENT_SECRET',
      'FINTECH_CLI_FINAPI_API_URL',
      'FINTECH_CLI_FINAPI_PROCESS_URL',
      'FINTECH_CLI_FINAPI_GIROIDENT_URL',
      'FINTECH_CLI_SOLDO_CLIENT_ID',
      'FINTECH_CLI_SOLDO_CLIENT_SECRET',
      'FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN',
      'FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE',
      'FINTECH_CLI_SOLDO_API_URL',
    ]);
    expect(envVarName('soldo', 'private_key')).toBe('FINTECH_CLI_SOLDO_PRIVATE_KEY');
  });
});

describe('resolveProviderSettings', () => {
  it('applies the precedence per key and reads the provider variables only', () => {
    const resolved = resolveProviderSettings('solaris', descriptors.solaris.settingKeys, {
      flags: { client_id: 'flag-id' },
      vars: { FINTECH_CLI_SOLARIS_CLIENT_ID: 'env-id', FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'env-secret', FINTECH_CLI_SOLDO_API_URL: 'x' },
      config: { client_secret: 'config-secret', api_url: 'https://config.example' },
      defaults: { api_url: 'https://default.example', auth_url: 'https://auth.example' },
    });
    expect(resolved).toEqual({
      client_id: { value: 'flag-id', source: 'flag' },
      client_secret: { value: 'env-secret', source: 'env' },
      api_url: { value: 'https://config.example', source: 'config' },
      auth_url: { value: 'https://auth.example', source: 'default' },
    });
  });
});

describe('parseSecretReference', () => {
  it.each([
    ['env:SOLARIS_SECRET', { kind: 'env', name: 'SOLARIS_SECRET' }],
    ['env:_x1', { kind: 'env', name: '_x1' }],
    ['file:/run/secrets/solaris', { kind: 'file', path: '/run/secrets/solaris' }],
    ['file:./relative path.txt', { kind: 'file', path: './relative path.txt' }],
    ['file:', { kind: 'literal', value: 'file:' }],
    ['env:', { kind: 'literal', value: 'env:' }],
    ['env:1ABC', { kind: 'literal', value: 'env:1ABC' }],
    ['env:NOT-A-NAME', { kind: 'literal', value: 'env:NOT-A-NAME' }],
    ['abc:env:X', { kind: 'literal', value: 'abc:env:X' }],
    ['s3cr3t:with:colons', { kind: 'literal', value: 's3cr3t:with:colons' }],
    ['ENV:X', { kind: 'literal', value: 'ENV:X' }],
  ])('%s', (value, expected) => {
    expect(parseSecretReference(value)).toEqual(expected);
  });
});

describe('maskSecret', () => {
  it.each([
    ['sols_7d1e0c0a5b9f2c', '••••9f2c'],
    ['1234567890123456', '••••3456'],
    ['123456789012345', '••••'],
    ['123456789012', '••••'],
    ['', '••••'],
    ['env:SOLARIS_SECRET', 'env:SOLARIS_SECRET'],
    ['file:/run/secrets/x', 'file:/run/secrets/x'],
    ['ünïcödé-secret-ß€', '••••t-ß€'],
  ])('%s → %s', (value, masked) => {
    expect(maskSecret(value)).toBe(masked);
  });
});
