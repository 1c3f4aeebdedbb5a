import { TokenCache } from '../../config/token-cache.js';
import { renderTable } from '../../output/table.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['auth', 'status'],
  summary: 'List cached access tokens and when they expire',
  description: 'List cached access tokens and when they expire. Tokens themselves are never shown here.',
  examples: ['fintech-cli auth status', 'fintech-cli auth status --json'],
  async run(_input, cx) {
    const now = cx.now();
    // The secret's hash stays in the cache: nothing to show.
    const entries = (await new TokenCache(cx.configDir, cx.now).list()).map(({ key: { secret_hash: _, ...key }, entry }) => ({
      ...key,
      token_type: entry.token_type,
      scope: entry.scope ?? null,
      expires_at: new Date(entry.expires_at).toISOString(),
      expires_in: Math.max(0, Math.round((entry.expires_at - now) / 1000)),
      valid: entry.expires_at - 60_000 > now,
      has_refresh_token: entry.refresh_token !== undefined,
    }));
    if (cx.globals.json) {
      cx.io.json(entries);
      return;
    }
    if (entries.length === 0) {
      cx.io.info('No cached tokens. Get one with: fintech-cli auth token <provider>');
      return;
    }
    renderTable(
      cx.io,
      ['PROVIDER', 'ENV', 'PROFILE', 'CLIENT', 'USER', 'HOST', 'EXPIRES'],
      entries.map((e) => [e.provider, e.environment, e.profile, e.client_id, e.user ?? '-', new URL(e.token_url).host, e.valid ? `in ${humanSeconds(e.expires_in)}` : 'expired']),
    );
  },
});

function humanSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}
