/** What finAPI's emulated routes throw; each product's routes answer it in that product's format (http.ts). */

/** A failure in the product's own format (error-format.ts); `code` must be one of that product's error codes. */
export class FinapiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A failure of Access's OAuth layer (refused client, missing or bad token): `{error, error_description}`, 401. */
export class OAuthFailure extends Error {
  constructor(
    readonly error: 'invalid_client' | 'invalid_token' | 'unauthorized',
    description: string,
  ) {
    super(description);
  }
}
