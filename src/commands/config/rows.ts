import { type ProviderSettings, secretKeys } from '../../config/config-file.js';
import { maskSecret } from '../../core/credentials.js';

export interface SettingRow {
  key: string;
  value: string;
}

/** A provider×environment entry as key/value rows, secrets masked unless `showSecrets`. */
export function settingRows(settings: ProviderSettings, showSecrets: boolean): SettingRow[] {
  const rows: SettingRow[] = [];
  const shown = (value: string, secret: boolean) => (secret && !showSecrets ? maskSecret(value) : value);
  for (const [key, value] of Object.entries(settings)) {
    if (typeof value === 'string') {
      rows.push({ key, value: shown(value, (secretKeys as readonly string[]).includes(key)) });
    } else if (value && typeof value === 'object') {
      for (const [id, secret] of Object.entries(value as Record<string, string>)) {
        rows.push({ key: `${key}.${id}`, value: shown(secret, true) });
      }
    }
  }
  return rows;
}

/** A key as typed: `client-id` is `client_id`, `webhook-secrets.<id>` is `webhook_secrets.<id>` (the id as given). */
export function settingKeyOf(typed: string): string {
  const dot = typed.indexOf('.');
  const name = dot === -1 ? typed : typed.slice(0, dot);
  return name.replaceAll('-', '_') + (dot === -1 ? '' : typed.slice(dot));
}
