import { ApiError } from '../../errors.js';
import type { ProviderSession } from '../session.js';
import { recordAnswer, stringField } from './answers.js';
import { MAX_EXCHANGES } from './process-token-rules.js';

/**
 * finAPI's Process Controller (GiroIdent standalone, providers.md §2): a process token per end user, created with
 * the client credentials in the JSON body, then exchanged for a user token that GiroIdent accepts.
 */

export const DEFAULT_PROCESS_ID = 'GIROIDENT';

/** `POST /api/v1/processes` for one client reference; returns its process token. */
async function createProcess(finapi: ProviderSession, clientReference: string, processId: string): Promise<string> {
  const credentials = await finapi.credentials();
  const clientId = await credentials.require('client_id');
  const clientSecret = await credentials.require('client_secret');
  const what = 'the process creation';
  const res = await finapi.call({
    method: 'POST',
    service: 'process_url',
    path: '/api/v1/processes',
    json: { clientId, clientSecret, clientReferences: [{ clientReference }], processId },
    auth: 'none',
    carriesClientCredentials: true,
    secrets: [{ value: clientSecret, envVar: 'FINTECH_CLI_FINAPI_CLIENT_SECRET' }],
    what,
  });
  // One reference sent, so one process back.
  const { processes } = recordAnswer(res, what);
  return stringField(Array.isArray(processes) ? processes[0] : undefined, 'processToken', what);
}

/** A new process for the end user and the access token of its first exchange. */
export async function startProcess(
  finapi: ProviderSession,
  clientReference: string,
  processId: string,
  invalidate: boolean,
): Promise<{ processToken: string; accessToken: string }> {
  const processToken = await createProcess(finapi, clientReference, processId);
  return { processToken, accessToken: await exchangeProcessToken(finapi, processToken, invalidate) };
}

/**
 * `GET /api/v1/processes/{processToken}?invalidate=…`: a user token for the process's identity. The process token sits
 * in the path, where finAPI wants it, and is kept out of `--verbose`.
 */
export async function exchangeProcessToken(finapi: ProviderSession, processToken: string, invalidate: boolean): Promise<string> {
  const what = 'the process token exchange';
  const res = await finapi
    .call({
      method: 'GET',
      service: 'process_url',
      path: `/api/v1/processes/${encodeURIComponent(processToken)}?invalidate=${invalidate}`,
      auth: 'none',
      secrets: [{ value: processToken, envVar: 'FINTECH_CLI_FINAPI_PROCESS_TOKEN' }],
      what,
    })
    .catch((error: unknown) => {
      throw explainRefusedExchange(error);
    });
  return stringField(res.json(), 'accessToken', what);
}

/** A refused exchange (4xx but 401) nearly always means a used-up token; say how that happens and what to do. */
function explainRefusedExchange(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status === undefined || error.status < 400 || error.status > 499 || error.status === 401) return error;
  return new ApiError(error.message, {
    code: error.code,
    status: error.status,
    provider: error.provider,
    hint:
      `This process token cannot be exchanged any more: an exchange with invalidate=true (the default) ends it, ` +
      `${MAX_EXCHANGES} exchanges use it up, it expires after some days, or it was never issued. ` +
      'Start a new process: fintech-cli giroident start --client-reference <REF>',
  });
}
