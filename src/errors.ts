/**
 * One error hierarchy for the whole CLI. Each kind maps to exactly one exit code in `exitCodeFor`;
 * code elsewhere throws the kind that fits and never chooses an exit code itself.
 */
export type ErrorKind = 'api' | 'usage' | 'verification' | 'auth' | 'network' | 'interrupted' | 'internal';

export interface CliErrorOptions {
  /** Stable machine-readable code for `--json` errors (e.g. `config_corrupt`). */
  code?: string;
  /** A second line: what the user should do next. */
  hint?: string;
  /** HTTP status, when the error comes from an answer. */
  status?: number;
  provider?: string;
  cause?: unknown;
}

export class CliError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly hint: string | undefined;
  readonly status: number | undefined;
  readonly provider: string | undefined;

  constructor(kind: ErrorKind, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.kind = kind;
    this.code = options.code ?? defaultCode[kind];
    this.hint = options.hint;
    this.status = options.status;
    this.provider = options.provider;
  }
}

const defaultCode: Record<ErrorKind, string> = {
  api: 'api_error',
  usage: 'usage_error',
  verification: 'verification_failed',
  auth: 'auth_failed',
  network: 'network_error',
  interrupted: 'interrupted',
  internal: 'internal_error',
};

export class UsageError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super('usage', message, options);
  }
}

export class AuthError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super('auth', message, options);
  }
}

export class NetworkError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super('network', message, options);
  }
}

export class ApiError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super('api', message, options);
  }
}

export class VerificationError extends CliError {
  constructor(message: string, options?: CliErrorOptions) {
    super('verification', message, options);
  }
}

/** The exit-code table of the CLI contract, in one place. */
export function exitCodeFor(error: unknown): number {
  const kind: ErrorKind = error instanceof CliError ? error.kind : 'internal';
  switch (kind) {
    case 'api':
    case 'internal':
      return 1;
    case 'usage':
      return 2;
    case 'verification':
      return 3;
    case 'auth':
      return 4;
    case 'network':
      return 5;
    case 'interrupted':
      return 130;
  }
}
