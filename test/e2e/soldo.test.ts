/**
 * Soldo's advanced authentication end to end: the built binary signs requests the emulator verifies, and each way
 * of getting it wrong is answered with Soldo's error and then explained by `soldo fingerprint --expect` / `soldo verify`.
 */
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_SOLDO_PUBLIC_KEY_PEM } from '../../src/providers/soldo/demo-key.js';
import { DEMO_WALLET_IDS } from '../../src/emulator/soldo/demo-data.js';
import { demoCredentials } from '../../src/providers/demo-credentials.js';
import { runBin } from '../helpers/run-bin.js';
import { useEmulatorAndConfig } from '../helpers/emulator-and-config.js';

const OTHER_KEY = fileURLToPath(new URL('../fixtures/soldo/private.pem', import.meta.url));
const TRANSFER = `/business/v2/wallets/internalTransfer/${DEMO_WALLET_IDS.companyEur}/${DEMO_WALLET_IDS.aliceEur}`;
const TRANSFER_PARAMS = ['--param', `fromWalletId=${DEMO_WALLET_IDS.companyEur}`, '--param', `toWalletId=${DEMO_WALLET_IDS.aliceEur}`];

const fx = useEmulatorAndConfig();

function cli(args: string[], env: Record<string, string> = {}) {
  return runBin([...args, '--emulator'], { env: { FINTECH_CLI_EMULATOR_URL: fx.emulator.url, FINTECH_CLI_CONFIG_DIR: fx.config.dir, ...env } });
}

/** The headers `request --dry-run` would send: what a user's own code would have computed. */
async function dryRunHeaders(args: string[], env: Record<string, string> = {}): Promise<Record<string, string>> {
  const shown = await cli(['request', 'soldo', ...args, '--dry-run'], env);
  expect(shown.code).toBe(0);
  return (JSON.parse(shown.stdout) as { headers: Record<string, string> }).headers;
}

describe('Soldo advanced authentication against the emulator', () => {
  it('accepts a signed transaction search and an internal transfer', async () => {
    const search = await cli(['request', 'soldo', 'GET', '/business/v2/transactions', '--query', 'dateType=TRANSACTION', '--query', 's=5']);
    expect(search.code).toBe(0);
    expect(JSON.parse(search.stdout)).toMatchObject({ page_size: 5, current_page: 0 });

    // A form, as Soldo's spec declares for the internal transfer.
    const transfer = await cli(['request', 'soldo', 'PUT', TRANSFER, '-F', 'amount=12.50', '-f', 'currencyCode=EUR']);
    expect(transfer.code).toBe(0);
    expect(transfer.stderr).toBe('');
  });

  it('answers INVALID_FINGERPRINT to the access token used as fingerprint token, and --expect names that mistake', async () => {
    const accessToken = (await cli(['auth', 'token', 'soldo'])).stdout.trim();
    const wrong = { FINTECH_CLI_SOLDO_FINGERPRINT_TOKEN: accessToken };
    const body = 'amount=3.00&currencyCode=EUR';

    const sent = await cli(['request', 'soldo', 'PUT', TRANSFER, '-d', body], wrong);
    expect(sent.code).toBe(1);
    expect(JSON.parse(sent.stdout)).toEqual({ error_code: 'INVALID_FINGERPRINT', message: 'invalid fingerprint' });
    expect(sent.stderr).toContain('Soldo answered 400');

    const theirs = (await dryRunHeaders(['PUT', TRANSFER, '-d', body], wrong))['X-Soldo-Fingerprint'] ?? '';
    const explained = await cli(['soldo', 'fingerprint', '--operation', 'wallet-internal-transfer', ...TRANSFER_PARAMS, '--data', body, '--expect', theirs, '--access-token', accessToken]);
    expect(explained.code).toBe(3);
    expect(explained.stderr).toMatch(/Found it:\n\s+Your code uses the OAuth access token where the static fingerprint token belongs/);
  });

  it('answers INVALID_FINGERPRINT_SIGNATURE to a request signed with another key, and soldo verify shows it', async () => {
    const body = 'amount=4.00&currencyCode=EUR';
    const otherKey = { FINTECH_CLI_SOLDO_PRIVATE_KEY_FILE: OTHER_KEY };
    const sent = await cli(['request', 'soldo', 'PUT', TRANSFER, '-d', body], otherKey);
    expect(sent.code).toBe(1);
    expect(JSON.parse(sent.stdout)).toEqual({ error_code: 'INVALID_FINGERPRINT_SIGNATURE', message: 'invalid fingerprint signature' });

    const headers = await dryRunHeaders(['PUT', TRANSFER, '-d', body], otherKey);
    // The fingerprint itself is right: --expect agrees, so the key is what is wrong.
    const fingerprint = headers['X-Soldo-Fingerprint'] ?? '';
    const same = await cli(['soldo', 'fingerprint', '--operation', 'wallet-internal-transfer', ...TRANSFER_PARAMS, '--data', body, '--expect', fingerprint]);
    expect(same.code).toBe(0);
    const demoPublicKey = join(fx.config.dir, '..', 'demo-public.pem');
    await writeFile(demoPublicKey, DEMO_SOLDO_PUBLIC_KEY_PEM);
    const verified = await cli(['soldo', 'verify', '--fingerprint', fingerprint, '--signature', headers['X-Soldo-Fingerprint-Signature'] ?? '', '--public-key-file', demoPublicKey]);
    expect(verified.code).toBe(3);
  });

  it('names the two mistakes of a fingerprint given with -H under the INVALID_FINGERPRINT it is answered', async () => {
    const body = 'amount=3.00&currencyCode=EUR';
    const token = demoCredentials.soldo.fingerprint_token;
    // A buggy client: the token first and commas between the values (the string and hash made here, by hand).
    const hashed = `${token},3.00,EUR,${DEMO_WALLET_IDS.companyEur},${DEMO_WALLET_IDS.aliceEur}`;
    const buggy = createHash('sha512').update(hashed, 'utf8').digest('hex');
    const sent = await cli(['request', 'soldo', 'PUT', TRANSFER, '-d', body, '-H', `X-Soldo-Fingerprint: ${buggy}`]);
    expect(sent.code).toBe(1);
    expect(JSON.parse(sent.stdout)).toEqual({ error_code: 'INVALID_FINGERPRINT', message: 'invalid fingerprint' });
    expect(sent.stderr).toContain('The fingerprint of wallet-internal-transfer, as this CLI computes it:');
    expect(sent.stderr).toContain(`  Concatenated: 3.00EUR${DEMO_WALLET_IDS.companyEur}${DEMO_WALLET_IDS.aliceEur}${token}\n`);
    expect(sent.stderr).toContain(`[token-first+separator:","]\n    your code hashes ${JSON.stringify(hashed)}\n`);
    expect(sent.stderr).toMatch(/INVALID_FINGERPRINT: invalid fingerprint\nLikely cause: token-first\+separator:"," \(see above\)\.\n$/);
  });

  it('answers INVALID_FINGERPRINT to a value changed after signing, and --expect finds the reformatted number', async () => {
    // A JSON operation (a card's cash-point limit), whose numbers a client's library may re-serialise.
    const rule = '/business/v2/cards/5e7d9c1b-2a3f-4d5e-8b01-000000000001/rules/cashpoint/daily';
    const signedBody = '{"max":5.50,"enabled":true}';
    const headers = await dryRunHeaders(['POST', rule, '-d', signedBody]);
    const token = (await cli(['auth', 'token', 'soldo'])).stdout.trim();
    // The user's HTTP library re-serialised the body after signing it: 5.50 became 5.5.
    const sentBody = JSON.stringify(JSON.parse(signedBody));
    const answer = await fetch(`${fx.emulator.url}/soldo${rule}`, {
      method: 'POST',
      headers: { ...headers, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: sentBody,
    });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error_code: 'INVALID_FINGERPRINT', message: 'invalid fingerprint' });

    const explained = await cli(['soldo', 'fingerprint', '--method', 'POST', '--url', rule, '--data', sentBody, '--expect', headers['X-Soldo-Fingerprint'] ?? '']);
    expect(explained.code).toBe(3);
    expect(explained.stderr).toMatch(/Found it:\n\s+Your code writes numbers with two decimals/);
    expect(explained.stderr).toContain('your code hashes "5.50true');
  });

  it("signs a transaction search in the guide's order, and in the export's with --order-source openapi; soldo fingerprint warns", async () => {
    const search = ['GET', '/business/v2/transactions', '--query', 'text=Taxi', '--query', 'expenseType=Travel'];
    const guide = await dryRunHeaders(search);
    const exported = await dryRunHeaders([...search, '--order-source', 'openapi']);
    const token = demoCredentials.soldo.fingerprint_token;
    const sha512 = (text: string) => createHash('sha512').update(text, 'utf8').digest('hex');
    expect(guide['X-Soldo-Fingerprint']).toBe(sha512(`TravelTaxi${token}`));
    expect(exported['X-Soldo-Fingerprint']).toBe(sha512(`TaxiTravel${token}`));

    const shown = await cli(['soldo', 'fingerprint', '--url', '/business/v2/transactions?text=Taxi&expenseType=Travel', '--quiet']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`${sha512(`TravelTaxi${token}`)}\n`);
    expect(shown.stderr).toMatch(/^warning: Soldo's sources order expenseType and text differently\. .*--order-source openapi/);
  });
});
