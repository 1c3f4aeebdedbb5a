import { isLoopbackHostname } from '../../core/loopback.js';
import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { type ListenerOptions, startListener } from '../../providers/solaris/listener.js';
import { relayRequest } from '../../providers/solaris/relay.js';
import { saveNotification } from '../../providers/solaris/saved-notifications.js';
import type { RunContext } from '../../run-context.js';
import { defineCommand } from '../spec.js';
import { integerOption } from './integer-option.js';
import { listenerRenderer } from './render-listener.js';
import { givenSecretOption, SECRET_VARIABLE, secretOptions, webhookSecret } from './secret-options.js';

const DEFAULT_PORT = '4242';
const DEFAULT_MAX_BODY = String(1024 * 1024);

export default defineCommand({
  path: ['webhooks', 'listen'],
  summary: 'Receive webhook notifications locally: verify signatures, print, save, forward (until Ctrl-C)',
  description:
    'A local receiver for a subscription\'s notifications (put any HTTPS tunnel in front of it for Solaris). It answers the ' +
    'WEBHOOK-SUBSCRIPTION check with 200 and accepts a notification only when its sha256 signature verifies: one with no ' +
    'signature, another algorithm, a wrong signature or no known secret is answered 422, never forwarded, and printed with ' +
    'the reason. It prints each notification with its Solaris headers (NDJSON with --json), and answers a verified one with ' +
    '200, or what --respond says, or what your app answers with --forward-to. Without a secret option, each notification is ' +
    'checked with the secret stored for its subscription id ("webhooks create" or "webhooks secret set"). Requests a ' +
    'browser sends (Origin, Sec-Fetch-Site) are answered 403. --save keeps each accepted notification as a .http file ' +
    '(headers and exact body) for "webhooks replay". --no-verify accepts everything unchecked, for inspection only.',
  options: [
    { flags: '--port <port>', description: 'port to listen on (0: any free port)', defaultValue: DEFAULT_PORT },
    { flags: '--host <address>', description: 'address to listen on (0.0.0.0: every interface, reachable from the network)', defaultValue: '127.0.0.1' },
    ...secretOptions,
    { flags: '--no-verify', description: 'accept every notification without checking its signature (inspection only: forgeries pass)' },
    { flags: '--forward-to <url>', description: 'send each verified notification on to your app (same bytes and headers) and answer with its status' },
    { flags: '--respond <status>', description: 'answer every verified notification with this status: 410 cancels, 422 rejects, 5xx makes Solaris retry' },
    { flags: '--save <dir>', description: 'keep each accepted notification as a .http file for "webhooks replay"' },
    { flags: '--max-body <bytes>', description: 'answer 413 to larger bodies', defaultValue: DEFAULT_MAX_BODY },
  ],
  examples: [
    'fintech-cli webhooks listen --port 4242',
    'fintech-cli webhooks listen --webhook-id "$ID" --forward-to http://localhost:3000/webhooks/solaris',
    'fintech-cli webhooks listen --respond 422 --json',
    'fintech-cli webhooks listen --save ./notifications',
    'fintech-cli webhooks listen --no-verify --json',
  ],
  async run({ opts }, cx) {
    const port = integerOption(opts.port, '--port', 0, 65535);
    const maxBodyBytes = integerOption(opts.maxBody, '--max-body', 1, Number.MAX_SAFE_INTEGER);
    const respond = opts.respond === undefined ? undefined : integerOption(opts.respond, '--respond', 200, 599);
    const { forwardTo, save: saveDir, verify } = opts;
    if (respond !== undefined && forwardTo !== undefined) {
      throw new UsageError('--respond and --forward-to both decide the answer.', { hint: 'Use one of them.' });
    }
    if (forwardTo !== undefined && !/^https?:\/\//i.test(forwardTo)) {
      throw new UsageError(`--forward-to must be an http:// or https:// URL (got ${forwardTo}).`);
    }
    const secretFlag = givenSecretOption(opts);
    if (!verify && secretFlag !== undefined) {
      throw new UsageError(`--no-verify checks no signature, so ${secretFlag} would not be used.`, { hint: 'Drop one of them.' });
    }
    const fixed = verify ? await webhookSecret(opts, cx, { stdinCarriesBody: false }) : undefined;
    const { host } = opts;
    const render = listenerRenderer(cx.io, cx.globals.json);

    const listener = await startListener({
      host,
      port,
      maxBodyBytes,
      secretFor: fixed === undefined ? (id) => storedSecret(cx, id) : async () => fixed.value,
      noVerify: !verify,
      respond,
      forward: forwardTo === undefined ? undefined : await forwarder(cx, forwardTo),
      save: saveDir === undefined ? undefined : (request, receivedAt) => saveNotification(resolve(cx.cwd, saveDir), request, receivedAt),
      now: cx.now,
      onEvent: render,
    });
    if (!isLoopbackHostname(host)) cx.io.warn(`--host ${host}: the listener is reachable from the network, not only through your tunnel.`);
    if (!verify) cx.io.warn('--no-verify: signatures are NOT checked; every notification is accepted and forwarded, forged or not. Use it only to inspect traffic.');
    if (!cx.globals.json && verify) {
      cx.io.info(
        fixed === undefined
          ? `Signatures are checked with the secret stored for each subscription ("webhooks create", "webhooks secret set"; or give --webhook-id, --secret-stdin, ${SECRET_VARIABLE}); notifications that do not verify are answered 422.`
          : `Signatures are checked with the secret from ${fixed.from}; notifications that do not verify are answered 422.`,
      );
    }
    if (!cx.globals.json) {
      if (forwardTo !== undefined) cx.io.info(`Forwarding to ${forwardTo}.`);
      if (saveDir !== undefined) cx.io.info(`Saving notifications to ${resolve(cx.cwd, saveDir)}.`);
    }
    await untilAborted(cx.signal);
    await listener.close();
    if (!cx.globals.json) cx.io.info('Stopped.');
  },
});

async function forwarder(cx: RunContext, url: string): Promise<ListenerOptions['forward']> {
  const http = await cx.http();
  return { url, send: async (request) => (await relayRequest(http, url, request)).status };
}

/** A notification's subscription secret, read at its arrival: it may have been created after the listener started. */
async function storedSecret(cx: RunContext, subscriptionId: string | undefined): Promise<string | undefined> {
  if (subscriptionId === undefined) return undefined;
  return cx.provider('solaris').webhookSecret(subscriptionId);
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}
