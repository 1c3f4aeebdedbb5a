import type { HttpResponse } from '../../http/client.js';
import type { ApiCall } from '../api-client.js';
import type { ProviderSession } from '../session.js';

/**
 * Who a user-level call speaks for: an Access user (its cached token, refreshed with its refresh token, or a password
 * grant when a password is given), or an access token obtained elsewhere (a process token exchange).
 */
export type FinapiAuth = { user: string; password?: string } | { accessToken: string };

export type UserCall = Pick<ApiCall, 'method' | 'service' | 'path' | 'json' | 'what'>;

export async function callAs(finapi: ProviderSession, auth: FinapiAuth, call: UserCall): Promise<HttpResponse> {
  if ('accessToken' in auth) return finapi.call({ ...call, auth: { accessToken: auth.accessToken } });
  // The password grant puts the user's token in the cache, where the call finds it.
  if (auth.password !== undefined) await finapi.token({ user: auth.user, password: auth.password });
  return finapi.call({ ...call, user: auth.user });
}
