import type { Io } from '../../io/io.js';
import { terminalSafe } from '../../io/terminal-safe.js';
import { headersOfInterest, type ListenerEvent, type NotificationEvent } from '../../providers/solaris/listener.js';

const BODY_LIMIT = 4000;

/**
 * NDJSON with --json (one object per line, the first `listening`), exact; otherwise lines for people. Everything a
 * sender chose (path, headers, body, a subscription id in a reason) is escaped on a terminal, where control
 * characters would otherwise clear the screen or write the clipboard.
 */
export function listenerRenderer(io: Io, json: boolean): (event: ListenerEvent) => void {
  const out = coalesced(io);
  if (json) return (event) => out(`${JSON.stringify(event)}\n`);
  const outText = terminalSafe(io.streams.stdout);
  const errText = terminalSafe(io.streams.stderr);
  return (event) => {
    switch (event.type) {
      case 'listening':
        io.info(`Listening on ${io.errStyle.bold(event.url)} (Ctrl-C to stop).`);
        return;
      case 'subscription_check':
        out(`WEBHOOK-SUBSCRIPTION check on ${outText(event.path)} → ${event.status}\n`);
        return;
      case 'notification':
        out(notificationText(io, event, outText));
        return;
      case 'rejected':
        io.warn(errText(`${event.method === null ? 'a malformed request' : `${event.method} ${event.path}`} answered ${event.status}: ${event.reason}`));
        return;
      case 'warning':
        io.warn(errText(event.message));
    }
  };
}

/**
 * stdout text written once per turn of the event loop: under load several notifications are handled in one turn, and
 * a write per notification was the listener's largest cost after answering (a system call each; the bench's minimal
 * receiver makes none). Each event's text is complete when it is queued, and the turn ends within microseconds.
 */
function coalesced(io: Io): (text: string) => void {
  let pending: string[] = [];
  const flush = () => {
    const text = pending.join('');
    pending = [];
    io.out(text);
  };
  return (text) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(text);
  };
}

/** A notification's lines, for one write: under load, separate writes per line cost a quarter of the listener's time. */
function notificationText(io: Io, event: NotificationEvent, text: (outside: string) => string): string {
  const style = io.outStyle;
  const verdict =
    event.reason === null ? style.green('signature valid') : event.status === 422 ? style.red(`REJECTED: ${text(event.reason)}`) : style.yellow(`signature ${text(event.reason)}`);
  const attempt = event.attempt === null ? '' : `  attempt ${event.attempt}`;
  const lines = [`${style.bold(text(event.event_type ?? '(no event type)'))}  ${verdict}  → ${event.status}${attempt}`];
  for (const [name, value] of Object.entries(event.headers)) lines.push(`  ${style.dim(`${headerLabels.get(name) ?? headerCase(name)}:`)} ${text(value)}`);
  const body = event.body.length > BODY_LIMIT ? `${event.body.slice(0, BODY_LIMIT)}… (${event.body.length - BODY_LIMIT} more characters)` : event.body;
  if (body !== '') lines.push(text(body).replace(/^/gm, '  '));
  if (event.saved !== undefined) lines.push(`  saved to ${text(event.saved)}`);
  const forwarded = event.forwarded;
  if (forwarded !== undefined) lines.push(`  forwarded to ${forwarded.url} → ${forwarded.status ?? `no answer (${text(forwarded.error ?? 'unknown')})`}`);
  return `${lines.join('\n')}\n`;
}

/** The labels of the headers a notification shows, worked out once rather than with a regex per header and notification. */
const headerLabels = new Map<string, string>(headersOfInterest.map((name) => [name, headerCase(name)]));

/** `solaris-webhook-id` → `Solaris-Webhook-Id`, as the headers are documented. */
function headerCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}
