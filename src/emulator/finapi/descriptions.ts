import { contractFor, type BodyDescription, type OperationDescription } from '../contract.js';
import type { JsonSchema } from '../schema-check.js';
import type { RequestContract } from '../types.js';

/**
 * The request side of finAPI's published descriptions, as the emulator checks it: copies of the request schemas in
 * spec/finapi/ (which says where each comes from), which the npm package does not ship. test/contract/finapi.test.ts
 * fails when a copy and its original differ.
 */

const ACCESS = 'finapi-access-v2-2024.18.1';
const GIROIDENT = 'finapi-giroident-v2-2022.34.1';
const PROCESS_CONTROLLER = 'finapi-process-controller (integration guide)';

export const requestSchemas = {
  access: {
    TokenRequest: {
      type: 'object',
      required: ['grant_type', 'client_id', 'client_secret'],
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials', 'password', 'refresh_token'] },
        client_id: { type: 'string' },
        client_secret: { type: 'string' },
        refresh_token: { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
      },
    },
    UserCreateParams: {
      type: 'object',
      properties: {
        id: { type: 'string', minLength: 1, maxLength: 36, pattern: '^[a-zA-Z0-9\\-_.+@]*$' },
        password: { type: 'string', minLength: 6, maxLength: 128 },
        email: { type: 'string', minLength: 1, maxLength: 320 },
        phone: { type: 'string', minLength: 1, maxLength: 50 },
        isAutoUpdateEnabled: { type: 'boolean' },
      },
    },
  },
  giroident: {
    CheckCreateParams: {
      type: 'object',
      anyOf: [{ required: ['first-name', 'last-name'] }, { required: ['company-name'] }],
      properties: {
        'first-name': { type: 'string', minLength: 2 },
        'last-name': { type: 'string', minLength: 2 },
        'company-name': { type: 'string', minLength: 2 },
        iban: { type: 'string', maxLength: 64 },
        blz: { type: 'string', maxLength: 32 },
        'strict-check': { type: 'boolean' },
        'external-id': { type: 'string', maxLength: 255 },
        'callback-url': { type: 'string', format: 'uri' },
      },
    },
  },
  process: {
    ProcessCreateParams: {
      type: 'object',
      required: ['clientId', 'clientSecret', 'clientReferences', 'processId'],
      properties: {
        clientId: { type: 'string', minLength: 1 },
        clientSecret: { type: 'string', minLength: 1 },
        clientReferences: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['clientReference'], properties: { clientReference: { type: 'string', minLength: 1 } } },
        },
        processId: { type: 'string', enum: ['GIROIDENT'] },
      },
    },
  },
} as const;

const json = (schema: JsonSchema): BodyDescription => ({ required: true, content: { 'application/json': schema } });

/** `POST /api/v2/oauth/token`: a form, and never the credentials in the query string (they would end up in logs). */
export const tokenContract: RequestContract = (() => {
  const described = contractFor({
    spec: `${ACCESS} getToken`,
    body: { required: true, content: { 'application/x-www-form-urlencoded': requestSchemas.access.TokenRequest } },
  });
  const fields = Object.keys(requestSchemas.access.TokenRequest.properties);
  return (req) => {
    const misplaced = fields.filter((name) => req.query.has(name));
    if (misplaced.length === 0) return described(req);
    return {
      field: `query ${misplaced[0] ?? ''}`,
      rule: 'in',
      message: `${misplaced.join(', ')} must be sent in the form-encoded request body, not in the query string`,
      spec: `${ACCESS} getToken`,
    };
  };
})();

export const userCreateContract = contractFor({ spec: `${ACCESS} createUser`, body: json(requestSchemas.access.UserCreateParams) });

export const checkCreateContract = contractFor({ spec: `${GIROIDENT} createCheck`, body: json(requestSchemas.giroident.CheckCreateParams) });

export const processCreateContract = contractFor({ spec: `${PROCESS_CONTROLLER} createProcesses`, body: json(requestSchemas.process.ProcessCreateParams) });

export const processExchangeContract = contractFor({
  spec: `${PROCESS_CONTROLLER} exchangeProcessToken`,
  query: [{ name: 'invalidate', schema: { type: 'boolean' } }],
} satisfies OperationDescription);
