import { MockAgent } from 'undici';
import { afterEach, beforeEach } from 'vitest';
import { tempConfig } from './run-cli.js';

export interface MockedNetwork {
  /** This test's temporary config directory; `config.env` points FINTECH_CLI_CONFIG_DIR at it. */
  readonly config: Awaited<ReturnType<typeof tempConfig>>;
  /** This test's MockAgent: unmatched requests fail, and every interceptor must have been used by the end. */
  readonly agent: MockAgent;
}

/** For in-process command tests: a fresh config dir and MockAgent per test, checked and removed after it. */
export function useMockedNetwork(): MockedNetwork {
  let config: MockedNetwork['config'] | undefined;
  let agent: MockAgent | undefined;
  beforeEach(async () => {
    config = await tempConfig();
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(async () => {
    agent?.assertNoPendingInterceptors();
    await agent?.close();
    await config?.cleanup();
  });
  return {
    get config() {
      if (!config) throw new Error('useMockedNetwork: used outside a test');
      return config;
    },
    get agent() {
      if (!agent) throw new Error('useMockedNetwork: used outside a test');
      return agent;
    },
  };
}
