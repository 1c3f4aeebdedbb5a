import type { Env } from '../core/env.js';
import type { EnvironmentName } from '../environments.js';
import type { HttpClient } from '../http/client.js';
import type { Io } from '../io/io.js';

/** What a provider session takes from its run (a RunContext is one): its scope, variables, clock, config folder, HTTP client and warnings. */
export interface SessionRun {
  /** `environmentFrom`: where the environment was chosen (`--env`, `FINTECH_CLI_ENV`), for the error when it is unknown. */
  readonly globals: { readonly profile: string; readonly environment: EnvironmentName; readonly environmentFrom?: string };
  readonly env: Env;
  readonly cwd: string;
  readonly configDir: string;
  now(): number;
  http(): Promise<HttpClient>;
  readonly io: Pick<Io, 'warn'>;
}
