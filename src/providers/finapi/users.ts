import { randomInt } from 'node:crypto';
import type { ProviderSession } from '../session.js';
import { recordAnswer } from './answers.js';
import { callAs } from './call-as.js';

/** finAPI Access users (providers.md §2): created with the client token, deleted with their own token. */

export interface NewUser {
  id?: string;
  password: string;
  email?: string;
  phone?: string;
}

const USER_ID = /^[0-9A-Za-z\-_.+@]{1,36}$/;
const PASSWORD_LENGTH = { min: 6, max: 128 } as const;

/** What is wrong with a user id by finAPI's rules, or undefined. */
export function userIdProblem(id: string): string | undefined {
  return USER_ID.test(id) ? undefined : 'a user id is 1 to 36 characters of 0-9 A-Z a-z - _ . + @';
}

export function passwordProblem(password: string): string | undefined {
  const { min, max } = PASSWORD_LENGTH;
  return password.length >= min && password.length <= max ? undefined : `a password is ${min} to ${max} characters long`;
}

const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const GENERATED_PASSWORD_LENGTH = 32;

/** 32 letters and digits drawn without bias by node:crypto (about 190 bits); nothing a shell would need quoted. */
export function generatePassword(pick: (max: number) => number = randomInt): string {
  return Array.from({ length: GENERATED_PASSWORD_LENGTH }, () => PASSWORD_ALPHABET.charAt(pick(PASSWORD_ALPHABET.length))).join('');
}

/** `POST /api/v2/users` with the client token; finAPI's answer, the password included. */
export async function createUser(finapi: ProviderSession, user: NewUser): Promise<Record<string, unknown>> {
  const json = Object.fromEntries(Object.entries(user).filter(([, value]) => value !== undefined));
  const what = 'the user creation';
  const res = await finapi.call({ method: 'POST', path: '/api/v2/users', json, what });
  return recordAnswer(res, what);
}

/** `DELETE /api/v2/users` with the user's own token (irreversible), then forgets that user's cached tokens. */
export async function deleteUser(finapi: ProviderSession, auth: { user: string; password?: string }): Promise<void> {
  await callAs(finapi, auth, { method: 'DELETE', path: '/api/v2/users', what: `the deletion of user "${auth.user}"` });
  await finapi.forgetToken({ user: auth.user });
}
