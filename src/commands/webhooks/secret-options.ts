import { webhookSecretElsewhere } from '../../config/webhook-secrets.js';
import { UsageError } from '../../errors.js';
import { readSecret } from '../../io/streams.js';
import type { RunContext } from '../../run-context.js';
import type { OptionSpec, OptionValues } from '../spec.js';

export const SECRET_VARIABLE = 'FINTECH_CLI_WEBHOOK_SECRET';

/** Wherever a webhook secret is taken, it may come four ways, so it never has to sit in argv (CLI contract). */
export const secretOptions = [
  { flags: '--secret <secret>', description: `the subscription's signing secret (other users can see argv: prefer the next two or ${SECRET_VARIABLE})` },
  { flags: '--secret-stdin', description: 'read the secret from standard input' },
  { flags: '--webhook-id <id>', description: 'use the secret "webhooks create" stored for this subscription' },
] as const satisfies readonly OptionSpec[];

type SecretValues = OptionValues<typeof secretOptions>;

/** The first secret option given on the command line (`--secret`…), for commands where none applies. */
export function givenSecretOption({ secret, secretStdin, webhookId }: SecretValues): string | undefined {
  if (secret !== undefined) return '--secret';
  if (secretStdin) return '--secret-stdin';
  return webhookId === undefined ? undefined : '--webhook-id';
}

export interface WebhookSecret {
  value: string;
  /** Where it came from, for messages: `--secret`, `webhook <id>`, the variable… */
  from: string;
  /** The subscription named with --webhook-id. */
  webhookId?: string;
}

/** The secret given by a flag or `FINTECH_CLI_WEBHOOK_SECRET` (flags win); undefined when none is. */
export async function webhookSecret(opts: SecretValues, cx: RunContext, { stdinCarriesBody }: { stdinCarriesBody: boolean }): Promise<WebhookSecret | undefined> {
  const { secret, secretStdin: fromStdin, webhookId } = opts;
  const given = [secret !== undefined && '--secret', fromStdin && '--secret-stdin', webhookId !== undefined && '--webhook-id'].filter((f) => f !== false);
  if (given.length > 1) throw new UsageError(`${given.join(' and ')} each give the secret.`, { hint: 'Use one of them.' });

  if (secret !== undefined) {
    if (secret === '') throw new UsageError('--secret is empty.', { hint: `Give the secret, or use --secret-stdin or ${SECRET_VARIABLE}.` });
    return { value: secret, from: '--secret' };
  }
  if (fromStdin) {
    if (stdinCarriesBody) {
      throw new UsageError('--secret-stdin needs the body from a file: standard input cannot carry both.', { hint: 'Add --data @<path>.' });
    }
    return { value: await readSecret(cx, '--secret-stdin'), from: '--secret-stdin' };
  }
  if (webhookId !== undefined) {
    const value = await cx.provider('solaris').webhookSecret(webhookId);
    if (value === undefined) {
      const { environment, profile } = cx.globals;
      throw new UsageError(`No secret is stored for webhook ${webhookId} (${environment}, profile ${profile}).`, {
        code: 'webhook_secret_missing',
        hint:
          (await webhookSecretElsewhere(cx, webhookId)) ??
          '"webhooks create" stores it, in the environment and profile it ran with; otherwise give it with --secret-stdin.',
      });
    }
    if (value === '') {
      const { environment, profile } = cx.globals;
      throw new UsageError(`The secret stored for webhook ${webhookId} (${environment}, profile ${profile}) is empty.`, {
        code: 'webhook_secret_empty',
        hint: `Store the real one with "webhooks secret set ${webhookId}", or give it with --secret-stdin.`,
      });
    }
    return { value, from: `webhook ${webhookId}`, webhookId };
  }
  const fromEnv = cx.env[SECRET_VARIABLE];
  return fromEnv === undefined || fromEnv === '' ? undefined : { value: fromEnv, from: SECRET_VARIABLE };
}

export async function requireWebhookSecret(opts: SecretValues, cx: RunContext, where: { stdinCarriesBody: boolean }): Promise<WebhookSecret> {
  const secret = await webhookSecret(opts, cx, where);
  if (secret !== undefined) return secret;
  throw new UsageError('No webhook secret given.', {
    code: 'webhook_secret_missing',
    hint: `Give --webhook-id <id>, --secret-stdin or ${SECRET_VARIABLE} (or --secret <secret>).`,
  });
}
