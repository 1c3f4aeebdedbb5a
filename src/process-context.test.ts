import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real process: signals reach the built binary (test/global-setup.ts builds it).
const BIN = fileURLToPath(new URL('../bin/fintech-cli.js', import.meta.url));

/** Resolves once the child has printed `text` on `stream`. */
function printed(child: ResultPromise, stream: 'stdout' | 'stderr', text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child[stream]?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(text)) resolve();
    });
    child.catch(reject);
  });
}

describe('signals', () => {
  // A token endpoint that never answers, so `auth token` is cut off mid-request.
  let silent: Server;
  let url: string;
  let configDir: string;
  beforeAll(async () => {
    configDir = await mkdtemp(join(tmpdir(), 'fintech-cli-signals-'));
    silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    await rm(configDir, { recursive: true, force: true });
  });

  const waiting = () =>
    execa(process.execPath, [BIN, 'auth', 'token', 'solaris', '--fresh', '--verbose', '--no-input'], {
      reject: false,
      env: {
        FINTECH_CLI_CONFIG_DIR: configDir,
        FINTECH_CLI_SOLARIS_CLIENT_ID: 'id',
        FINTECH_CLI_SOLARIS_CLIENT_SECRET: 'secret',
        FINTECH_CLI_SOLARIS_AUTH_URL: url,
        NO_COLOR: '1',
      },
      extendEnv: false,
    });

  it('ends a command cut off by Ctrl-C with 130, and by SIGTERM with 143, each as one line on stderr', async () => {
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      const child = waiting();
      await printed(child, 'stderr', 'POST'); // the --verbose trace of the token request: it is under way
      child.kill(signal);
      const result = await child;
      expect({ signal, code: result.exitCode }).toEqual({ signal, code });
      expect(result.stderr.split('\n').at(-1)).toMatch(/^error: .*interrupted/i);
    }
  }, 60_000);

  it('stops webhooks listen cleanly on SIGTERM, as on Ctrl-C', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const child = execa(process.execPath, [BIN, 'webhooks', 'listen', '--port', '0', '--secret', 's', '--no-color'], { reject: false });
      await printed(child, 'stderr', 'Listening on');
      child.kill(signal);
      const result = await child;
      expect({ signal, code: result.exitCode, last: result.stderr.trim().split('\n').at(-1) }).toEqual({ signal, code: 0, last: 'Stopped.' });
    }
  }, 60_000);
});
