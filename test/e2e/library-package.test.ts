/**
 * The library as users get it (docs/library.md): the packed tarball installed into an empty project, every export
 * imported from 'fintech-cli' by an .mjs file there, a .ts file using them type-checked against the shipped
 * declarations alone, the guide's worked fingerprint, an openssl signature and an openssl HMAC reproduced through it,
 * the emulator started and closed, and the vitest example of docs/library.md run as it stands.
 */
import { execFileSync } from 'node:child_process';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_TIMEOUT_MS, packAndInstall, ROOT, type InstalledPackage } from '../helpers/packed-package.js';

const EXPORTS = ['explainSoldoFingerprint', 'solarisSignature', 'soldoFingerprint', 'soldoSign', 'soldoVerify', 'startEmulator', 'verifySolarisSignature'];
/** Soldo's worked example in docs/soldo.md: the transaction search. */
const SEARCH = '/business/v2/transactions?fromDate=2024-01-01&toDate=2024-02-01&dateType=SETTLEMENT&category=Payment&status=Settled';
const TOKEN = 'QDX6RK6OH1CZLSWOUWBA';
const WEBHOOK_BODY = '{"id":"n-1","account_id":"a-1","amount":{"value":1050,"unit":"cents"}}';
const WEBHOOK_SECRET = 'a-subscription-secret';

let pkg: InstalledPackage;
let app: string;
beforeAll(async () => {
  pkg = await packAndInstall('fintech-cli-library');
  app = pkg.installed;
}, INSTALL_TIMEOUT_MS);
afterAll(() => pkg?.remove());

/** Runs a file of the installed project with node, with nothing of our environment but PATH. */
async function runInApp(file: string, text: string): Promise<unknown> {
  await writeFile(join(app, file), text);
  const { stdout } = await execa(process.execPath, [file], { cwd: app, env: { PATH: process.env.PATH ?? '' }, extendEnv: false });
  return JSON.parse(stdout);
}

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { cwd: pkg.root, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
}

describe('the library in the packed tarball', () => {
  it("exports exactly the library's functions, importable from an .mjs file", async () => {
    const exported = await runInApp(
      'exports.mjs',
      "import * as library from 'fintech-cli';\nconsole.log(JSON.stringify(Object.entries(library).map(([name, value]) => [name, typeof value])));\n",
    );
    expect(exported).toEqual(EXPORTS.map((name) => [name, 'function']));
  });

  it("reproduces the guide's worked fingerprint, an openssl RSA-SHA512 signature and an openssl HMAC-SHA256", async () => {
    const guide = await readFile(join(ROOT, 'docs/soldo.md'), 'utf8');
    const worked = /The worked example[\s\S]*?\nFingerprint: +([0-9a-f]{128})\n/.exec(guide)?.[1];
    expect(worked).toMatch(/^[0-9a-f]{128}$/);

    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'private.pem']);
    openssl(['pkey', '-in', 'private.pem', '-pubout', '-out', 'public.pem']);
    await writeFile(join(pkg.root, 'fingerprint.txt'), worked ?? '');
    // Soldo signs the fingerprint's hex text: SHA512withRSA, PKCS#1 v1.5, in Base64.
    openssl(['dgst', '-sha512', '-sign', 'private.pem', '-out', 'signature.bin', 'fingerprint.txt']);
    const signature = openssl(['base64', '-A', '-in', 'signature.bin']);
    await writeFile(join(pkg.root, 'body.json'), WEBHOOK_BODY);
    const hmac = openssl(['dgst', '-sha256', '-hmac', WEBHOOK_SECRET, '-r', 'body.json']).split(' ')[0];

    const results = await runInApp(
      'crypto.mjs',
      [
        "import { readFileSync } from 'node:fs';",
        "import { explainSoldoFingerprint, solarisSignature, soldoFingerprint, soldoSign, soldoVerify, verifySolarisSignature } from 'fintech-cli';",
        `const root = ${JSON.stringify(pkg.root)};`,
        "const read = (name) => readFileSync(`${root}/${name}`, 'utf8');",
        `const { fingerprint, concatenated } = soldoFingerprint({ url: ${JSON.stringify(SEARCH)}, token: ${JSON.stringify(TOKEN)} });`,
        `const explained = explainSoldoFingerprint({ url: ${JSON.stringify(SEARCH)}, token: ${JSON.stringify(TOKEN)} }, fingerprint.toUpperCase());`,
        `const body = ${JSON.stringify(WEBHOOK_BODY)};`,
        `const secret = ${JSON.stringify(WEBHOOK_SECRET)};`,
        'console.log(JSON.stringify({',
        '  fingerprint, concatenated,',
        '  mistake: explained.mistakes[0].name,',
        "  signature: soldoSign(fingerprint, read('private.pem')),",
        `  verified: soldoVerify(fingerprint, ${JSON.stringify(signature.trim())}, read('public.pem')),`,
        "  forged: soldoVerify(fingerprint.replace(/^./, '0'), " + JSON.stringify(signature.trim()) + ", read('public.pem')),",
        '  header: solarisSignature(body, secret),',
        `  headerValid: verifySolarisSignature(body, ${JSON.stringify(`sha256=${hmac}`)}, secret),`,
        `  otherSecret: verifySolarisSignature(body, ${JSON.stringify(`sha256=${hmac}`)}, 'another'),`,
        '}));',
      ].join('\n'),
    );
    expect(results).toEqual({
      fingerprint: worked,
      concatenated: `2024-01-012024-02-01SETTLEMENTPaymentSettled${TOKEN}`,
      mistake: 'uppercase-hex',
      signature: signature.trim(),
      verified: true,
      forged: false,
      header: `sha256=${hmac}`,
      headerValid: true,
      otherSecret: false,
    });
  });

  it('starts the emulator, which answers a token request, and close() frees its port', async () => {
    const result = await runInApp(
      'emulator.mjs',
      [
        "import { createServer } from 'node:net';",
        "import { startEmulator } from 'fintech-cli';",
        'const emulator = await startEmulator();',
        'const { client_id, client_secret } = emulator.credentials.solaris;',
        'const answer = await fetch(`${emulator.url}/solaris/auth/oauth2/token`, {',
        "  method: 'POST',",
        "  headers: { Authorization: `Basic ${btoa(`${client_id}:${client_secret}`)}`, 'Content-Type': 'application/x-www-form-urlencoded' },",
        "  body: 'grant_type=client_credentials&scope=partners',",
        '});',
        'const token = await answer.json();',
        'const logged = emulator.requests().map((event) => `${event.type} ${event.method} ${event.path} ${event.status}`);',
        'await emulator.close();',
        'const port = Number(new URL(emulator.url).port);',
        "const rebound = await new Promise((resolve) => { const server = createServer().once('error', (error) => resolve(error.code)); server.listen(port, '127.0.0.1', () => server.close(() => resolve('bound again'))); });",
        'console.log(JSON.stringify({ url: emulator.url, status: answer.status, tokenType: token.token_type, hasToken: typeof token.access_token === "string", logged, rebound }));',
      ].join('\n'),
    );
    expect(result).toEqual({
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      status: 201,
      tokenType: expect.stringMatching(/^bearer$/i),
      hasToken: true,
      logged: ['request POST /solaris/auth/oauth2/token 201'],
      rebound: 'bound again',
    });
  });

  it('type-checks code using every export against the shipped declarations alone', async () => {
    await writeFile(
      join(app, 'use.ts'),
      [
        "import { explainSoldoFingerprint, solarisSignature, soldoFingerprint, soldoSign, soldoVerify, startEmulator, verifySolarisSignature } from 'fintech-cli';",
        "import type { EmulatorEvent, RunningEmulator, SoldoFingerprint, SoldoFingerprintExplanation, SoldoRequest, TriggeredEvent } from 'fintech-cli';",
        "const request: SoldoRequest = { operation: 'wallet-internal-transfer', params: { fromWalletId: 'W1', toWalletId: 'W2' }, body: 'amount=10.50&currencyCode=EUR', token: 'T' };",
        "const result: SoldoFingerprint = soldoFingerprint(request, { numbers: 'as-sent', now: 0 });",
        'const hex: string = result.fingerprint;',
        'const explanation: SoldoFingerprintExplanation = explainSoldoFingerprint(request, hex, { accessTokens: [] });',
        'const mistakes: string[] = explanation.equal ? [] : explanation.mistakes.map((mistake) => mistake.name);',
        "const signature: string = soldoSign(hex, '-----BEGIN PRIVATE KEY-----', { passphrase: 'p' });",
        "const valid: boolean = soldoVerify(hex, signature, 'pem') && verifySolarisSignature(new Uint8Array(0), solarisSignature('{}', 's'), 's');",
        'async function suite(): Promise<void> {',
        "  const emulator: RunningEmulator = await startEmulator({ port: 0, host: '127.0.0.1', soldoPublicKey: 'pem', retryInterval: 10, tokenTtl: 60 });",
        '  const events: EmulatorEvent[] = emulator.requests();',
        "  const triggered: TriggeredEvent = await emulator.trigger('ACCOUNT_BLOCK', { payload: {}, entityId: 'e' });",
        '  const fingerprintToken: string = emulator.credentials.soldo.fingerprint_token;',
        '  await emulator.close();',
        '  void [events, triggered, fingerprintToken];',
        '}',
        // The declarations are read, not taken as `any`: each wrong use below must be an error.
        '// @ts-expect-error: the token is required',
        "soldoFingerprint({ url: '/business/v2/wallets' });",
        '// @ts-expect-error: a signature is a string',
        "soldoVerify(hex, 42, 'pem');",
        '// @ts-expect-error: no such option',
        'void startEmulator({ prot: 1 });',
        'export { mistakes, valid, suite };',
      ].join('\n'),
    );
    await writeFile(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022'], types: [], strict: true, noEmit: true, skipLibCheck: false },
        files: ['use.ts'],
      }),
    );
    const tsc = await execa(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app, reject: false });
    expect({ code: tsc.exitCode, output: tsc.stdout + tsc.stderr }).toEqual({ code: 0, output: '' });
  });

  it("runs docs/library.md's vitest example as it stands: a signed Soldo request to the emulator, answered 200", async () => {
    const guide = await readFile(join(ROOT, 'docs/library.md'), 'utf8');
    const example = /```ts\n\/\/ soldo\.test\.ts\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(example).toContain("from 'fintech-cli'");
    await writeFile(join(app, 'soldo.test.ts'), example ?? '');
    // The user's project has vitest installed; this one borrows ours.
    await symlink(join(ROOT, 'node_modules/vitest'), join(app, 'node_modules/vitest'), 'dir');
    const run = await execa(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', app, 'soldo.test.ts'], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', CI: '1' },
      extendEnv: false,
      reject: false,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 passed/);
  });
});
