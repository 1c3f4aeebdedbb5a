import type { EmuRequest } from './types.js';

/** The token of an `Authorization: Bearer <token>` header, as every provider's routes read it. */
export function bearerToken(req: EmuRequest): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
}
