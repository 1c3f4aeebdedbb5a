import { signWebhookBody, webhookAlgorithms } from '../../core/webhook-signature.js';
import { defineCommand } from '../spec.js';
import { bodyOnStdin, bodyOptions, readBody } from './body-input.js';
import { requireWebhookSecret, secretOptions } from './secret-options.js';

export default defineCommand({
  path: ['webhooks', 'sign'],
  summary: 'Print the Solaris-Webhook-Signature of a body: sha256=<hex HMAC of its exact bytes>',
  description:
    'Compute the signature Solaris sends with a notification: the lowercase hex HMAC-SHA256 of the body\'s exact bytes ' +
    'under the subscription\'s secret, as "sha256=<hex>". The body is read byte for byte from --data (text, @file or -) or standard input ' +
    '(a trailing newline counts). With --secret-stdin the body must come from a file: --data @<path>.',
  options: [
    ...bodyOptions,
    { flags: '--algorithm <name>', description: 'the digest named in the header (Solaris uses sha256)', choices: webhookAlgorithms, defaultValue: 'sha256' },
    ...secretOptions,
  ],
  examples: [
    'fintech-cli webhooks sign --webhook-id "$ID" --data @body.json',
    'printf %s "$SECRET" | fintech-cli webhooks sign --secret-stdin --data @body.json',
    'FINTECH_CLI_WEBHOOK_SECRET=… fintech-cli webhooks sign < body.json',
  ],
  async run({ opts }, cx) {
    const secret = await requireWebhookSecret(opts, cx, { stdinCarriesBody: bodyOnStdin(opts) });
    const body = await readBody(opts, cx);
    const { algorithm } = opts;
    const signature = signWebhookBody(secret.value, body, algorithm);
    if (cx.globals.json) cx.io.json({ algorithm, signature, bytes: body.length });
    else cx.io.out(`${signature}\n`);
  },
});
