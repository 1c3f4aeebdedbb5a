import { resolve } from 'node:path';
import { headerValue } from '../../core/http-message.js';
import { parseSignatureHeader, signWebhookBody } from '../../core/webhook-signature.js';
import { ApiError } from '../../errors.js';
import { relayRequest } from '../../providers/solaris/relay.js';
import { loadNotification } from '../../providers/solaris/saved-notifications.js';
import { defineCommand } from '../spec.js';
import { SECRET_VARIABLE, secretOptions, webhookSecret } from './secret-options.js';

const SIGNATURE_HEADER = 'Solaris-Webhook-Signature';

export default defineCommand({
  path: ['webhooks', 'replay'],
  summary: 'Send a notification saved by "webhooks listen --save" again, byte for byte',
  description:
    'Send a saved notification to a URL again: the same method, headers and exact body bytes as received, so the ' +
    'original signature still holds. With a secret (--secret, --secret-stdin, --webhook-id or ' +
    `${SECRET_VARIABLE}) the Solaris-Webhook-Signature header is replaced by a new signature of the same bytes, ` +
    'e.g. for an endpoint that checks with another secret. Exit 0 when the URL answers 2xx, 1 otherwise.',
  args: [{ name: 'file', description: 'a .http file written by "webhooks listen --save DIR"' }],
  options: [{ flags: '--to <url>', description: 'where to send it', required: true }, ...secretOptions],
  examples: [
    'fintech-cli webhooks replay notifications/20261125T120000.000Z-BOOKING.http --to http://localhost:3000/webhooks/solaris',
    'fintech-cli webhooks replay saved.http --to http://localhost:3000/hooks --webhook-id "$ID"',
  ],
  async run({ args, opts }, cx) {
    const { to } = opts;
    const file = resolve(cx.cwd, args[0]!);
    const request = await loadNotification(file);
    const declared = headerValue(request.headers, 'content-length');
    if (declared !== undefined && Number(declared) !== request.body.length) {
      cx.io.warn(`the body has ${request.body.length} bytes but the recorded Content-Length is ${declared}: was the file edited? The bytes are sent as they are.`);
    }
    const secret = await webhookSecret(opts, cx, { stdinCarriesBody: false });
    const algorithm = parseSignatureHeader(headerValue(request.headers, SIGNATURE_HEADER) ?? '')?.algorithm ?? 'sha256';
    const resigned: Record<string, string> = secret === undefined ? {} : { [SIGNATURE_HEADER]: signWebhookBody(secret.value, request.body, algorithm) };
    const res = await relayRequest(await cx.http(), to, request, resigned);
    if (cx.globals.json) cx.io.json({ file, url: to, status: res.status, resigned: secret !== undefined });
    else cx.io.out(`${request.method} ${to} → ${res.status}${secret === undefined ? '' : ` (re-signed with the secret from ${secret.from})`}\n`);
    if (res.status < 200 || res.status > 299) {
      throw new ApiError(`${to} answered ${res.status} to the replayed notification.`, {
        code: 'not_accepted',
        status: res.status,
        hint: 'Run again with --verbose to see the answer.',
      });
    }
  },
});
