import { storeWebhookSecret } from '../../../config/webhook-secrets.js';
import { parseSecretReference } from '../../../core/credentials.js';
import { UsageError } from '../../../errors.js';
import { readSecret } from '../../../io/streams.js';
import { secretReferenceOption } from '../../shared/secret-reference.js';
import { defineCommand } from '../../spec.js';

export default defineCommand({
  path: ['webhooks', 'secret', 'set'],
  summary: 'Store the signing secret of a subscription the CLI did not create, for the listener and --webhook-id',
  description:
    'Store the signing secret of a webhook subscription made elsewhere (a dashboard, another tool, a mock server that ' +
    'signs with a fixed secret) under its id, in the selected profile and environment, as "webhooks create" does for its ' +
    'own. "webhooks listen" then verifies that subscription\'s notifications with it, and --webhook-id finds it. The secret ' +
    'is read from standard input, or stored as a reference (env:NAME, file:PATH) resolved each time it is used; never ' +
    'taken from the command line. An existing secret for the id is replaced.',
  args: [{ name: 'subscription-id', description: 'the id Solaris sends as Solaris-Webhook-Subscription-Id' }],
  options: [
    { flags: '--secret-stdin', description: 'read the secret from standard input' },
    { flags: '--secret-ref <ref>', description: 'store a reference instead of the secret: env:NAME or file:PATH' },
  ],
  examples: [
    'printf %s "$WEBHOOK_SECRET" | fintech-cli webhooks secret set 4c6f93d4c8d427927257e2ce734a5a10 --secret-stdin',
    'fintech-cli webhooks secret set 4c6f93d4c8d427927257e2ce734a5a10 --secret-ref env:SOLARIS_WEBHOOK_SECRET',
    'fintech-cli webhooks secret set mock-subscription --emulator --secret-ref file:~/.secrets/mock-webhook',
  ],
  async run({ args, opts }, cx) {
    const id = subscriptionId(args[0]!);
    const secret = await secretFrom(opts, cx);
    const file = await storeWebhookSecret(cx, id, secret);
    const { profile, environment } = cx.globals;
    if (cx.globals.json) cx.io.json({ subscription_id: id, profile, environment, reference: parseSecretReference(secret).kind !== 'literal' });
    else cx.io.info(`${cx.io.errStyle.green('✓')} Stored the secret of webhook ${id} (profile ${profile}, ${environment}) in ${file}.`);
  },
});

/** Ids become keys of the config file and appear in messages: letters, digits and `._:-`, as Solaris' hex ids and UUIDs are. */
function subscriptionId(id: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(id)) {
    throw new UsageError(`Invalid subscription id ${JSON.stringify(id)}.`, {
      hint: 'Give the id as Solaris-Webhook-Subscription-Id carries it: up to 128 letters, digits, ".", "_", ":" or "-".',
    });
  }
  return id;
}

async function secretFrom(
  { secretRef: reference, secretStdin: fromStdin }: { secretRef: string | undefined; secretStdin: boolean },
  cx: Parameters<typeof readSecret>[0],
): Promise<string> {
  if (reference !== undefined && fromStdin) throw new UsageError('--secret-stdin and --secret-ref both give the secret.', { hint: 'Use one of them.' });
  if (fromStdin) return readSecret(cx, '--secret-stdin');
  if (reference === undefined) {
    throw new UsageError('No secret given.', { hint: 'Pipe it into --secret-stdin, or store a reference with --secret-ref env:NAME or file:PATH.' });
  }
  return secretReferenceOption(reference, '--secret-stdin');
}
