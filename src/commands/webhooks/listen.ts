import { resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { runCredentials } from '../../providers/credentials.js';
import { type ListenerOptions, startListener } from '../../providers/solaris/listener.js';
import { relayRequest } from '../../providers/solaris/relay.js';
import { saveNotification } from '../../providers/solaris/saved-notifications.js';
import type { RunContext } from '../../run-context.js';
import { defineCommand, stringOpt } from '../spec.js';
import { integerOpt } from './integer-option.js';
import { listenerRenderer } from './render-listener.js';
import { SECRET_VARIABLE, secretOptions, webhookSecret } from './secret-options.js';

const DEFAULT_PORT = '4242';
const DEFAULT_MAX_BODY = String(1024 * 1024);

export default defineCommand({
  path: ['webhooks', 'listen'],
  summary: 'Receive webhook notifications locally: check signatures, print, save, forward (until Ctrl-C)',
  description:
    'A local receiver for a subscription\'s notifications (put any HTTPS tunnel in front of it for Solaris). It answers the ' +
    'WEBHOOK-SUBSCRIPTION check with 200, checks each signature and answers 422 when it is wrong or missing (as the receiver ' +
    'of Solaris\' integration guide does), prints each notification with its Solaris headers (NDJSON with --json), and ' +
    'answers 200, or what --respond says, or what your app answers with --forward-to. Without a secret option, each ' +
    `notification is checked with the secret "webhooks create" stored for its subscription id, if any. --save keeps each ` +
    'notification as a .http file (headers and exact body) for "webhooks replay".',
  options: [
    { flags: '--port <port>', description: 'port to listen on (0: any free port)', defaultValue: DEFAULT_PORT },
    { flags: '--host <address>', description: 'address to listen on (0.0.0.0: every interface)', defaultValue: '127.0.0.1' },
    ...secretOptions,
    { flags: '--forward-to <url>', description: 'send each notification on to your app (same bytes and headers) and answer with its status' },
    { flags: '--respond <status>', description: 'answer every notification with this status: 410 cancels, 422 rejects, 5xx makes Solaris retry' },
    { flags: '--save <dir>', description: 'keep each notification as a .http file for "webhooks replay"' },
    { flags: '--max-body <bytes>', description: 'answer 413 to larger bodies', defaultValue: DEFAULT_MAX_BODY },
  ],
  examples: [
    'fintech-cli webhooks listen --port 4242',
    'fintech-cli webhooks listen --webhook-id "$ID" --forward-to http://localhost:3000/webhooks/solaris',
    'fintech-cli webhooks listen --respond 422 --json',
    'fintech-cli webhooks listen --save ./notifications',
  ],
  async run({ opts }, cx) {
    const port = integerOpt(opts, 'port', 0, 65535);
    const maxBodyBytes = integerOpt(opts, 'maxBody', 1, Number.MAX_SAFE_INTEGER);
    const respondText = stringOpt(opts, 'respond');
    const respond = respondText === undefined ? undefined : integerOpt(opts, 'respond', 200, 599);
    const forwardTo = stringOpt(opts, 'forwardTo');
    const saveDir = stringOpt(opts, 'save');
    if (respond !== undefined && forwardTo !== undefined) {
      throw new UsageError('--respond and --forward-to both decide the answer.', { hint: 'Use one of them.' });
    }
    if (forwardTo !== undefined && !/^https?:\/\//i.test(forwardTo)) {
      throw new UsageError(`--forward-to must be an http:// or https:// URL (got ${forwardTo}).`);
    }
    const fixed = await webhookSecret(opts, cx, { stdinCarriesBody: false });
    const render = listenerRenderer(cx.io, cx.globals.json);

    const listener = await startListener({
      host: stringOpt(opts, 'host') ?? '127.0.0.1',
      port,
      maxBodyBytes,
      secretFor: fixed === undefined ? (id) => storedSecret(cx, id) : async () => fixed.value,
      respond,
      forward: forwardTo === undefined ? undefined : await forwarder(cx, forwardTo),
      save: saveDir === undefined ? undefined : (request, receivedAt) => saveNotification(resolve(cx.cwd, saveDir), request, receivedAt),
      now: cx.now,
      onEvent: render,
    });
    if (!cx.globals.json) {
      cx.io.info(
        fixed === undefined
          ? `Signatures are checked with the secret stored for each subscription by "webhooks create" (or give --webhook-id, --secret-stdin, ${SECRET_VARIABLE}).`
          : `Signatures are checked with the secret from ${fixed.from}.`,
      );
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
  return (await runCredentials(cx, 'solaris')).webhookSecret(subscriptionId);
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal.aborted) done();
    else signal.addEventListener('abort', () => done(), { once: true });
  });
}
