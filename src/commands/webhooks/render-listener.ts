import type { Io } from '../../io/io.js';
import type { ListenerEvent, NotificationEvent, SignatureCheck } from '../../providers/solaris/listener.js';

const BODY_LIMIT = 4000;

/** NDJSON with --json (one object per line, the first `listening`); otherwise lines for people. */
export function listenerRenderer(io: Io, json: boolean): (event: ListenerEvent) => void {
  if (json) return (event) => io.out(`${JSON.stringify(event)}\n`);
  return (event) => {
    switch (event.type) {
      case 'listening':
        io.info(`Listening on ${io.errStyle.bold(event.url)} (Ctrl-C to stop).`);
        return;
      case 'subscription_check':
        io.out(`WEBHOOK-SUBSCRIPTION check on ${event.path} → ${event.status}\n`);
        return;
      case 'notification':
        renderNotification(io, event);
        return;
      case 'rejected':
        io.warn(`${event.method === null ? 'a malformed request' : `${event.method} ${event.path}`} answered ${event.status}: ${event.reason}`);
        return;
      case 'warning':
        io.warn(event.message);
    }
  };
}

/** One write per notification: under load, separate writes per line cost a quarter of the listener's time. */
function renderNotification(io: Io, event: NotificationEvent): void {
  const style = io.outStyle;
  const signatureWords: Record<SignatureCheck, string> = {
    valid: style.green('signature valid'),
    invalid: style.red('signature INVALID'),
    missing: style.red('signature MISSING'),
    unchecked: style.yellow('signature not checked'),
  };
  const attempt = event.attempt === null ? '' : `  attempt ${event.attempt}`;
  const lines = [`${style.bold(event.event_type ?? '(no event type)')}  ${signatureWords[event.signature]}  → ${event.status}${attempt}`];
  for (const [name, value] of Object.entries(event.headers)) lines.push(`  ${style.dim(`${headerCase(name)}:`)} ${value}`);
  const body = event.body.length > BODY_LIMIT ? `${event.body.slice(0, BODY_LIMIT)}… (${event.body.length - BODY_LIMIT} more characters)` : event.body;
  if (body !== '') lines.push(body.replace(/^/gm, '  '));
  if (event.saved !== undefined) lines.push(`  saved to ${event.saved}`);
  const forwarded = event.forwarded;
  if (forwarded !== undefined) lines.push(`  forwarded to ${forwarded.url} → ${forwarded.status ?? `no answer (${forwarded.error ?? 'unknown'})`}`);
  io.out(`${lines.join('\n')}\n`);
}

/** `solaris-webhook-id` → `Solaris-Webhook-Id`, as the headers are documented. */
function headerCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
