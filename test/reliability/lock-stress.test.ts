/**
 * The config lock under stress: many real processes, each storing its own profile through the real config store and
 * exiting at once (as `config set` does: a holder that released and died is part of what the lock must get right),
 * round after round. Every write that reported success must be in the file: no loss is ever accepted.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfig } from '../../src/config/config-file.js';
import { bundleChild, runNode } from '../helpers/child-script.js';
import { tempRoot } from './helpers.js';

const WRITERS = 50;
const ROUNDS = 5;
/** No round starts after this: a busy machine runs fewer rounds, never a longer test. */
const BUDGET_MS = 35_000;

let temp: Awaited<ReturnType<typeof tempRoot>>;
let child: string;

beforeAll(async () => {
  temp = await tempRoot('fintech-cli-lock-stress-');
  child = await bundleChild(
    `import { setProviderSettings, validateConfig } from '../../src/config/config-file.js';
     import { JsonStore } from '../../src/config/json-store.js';
     import { configFilePath } from '../../src/config/paths.js';
     const [dir, profile] = process.argv.slice(2);
     // The config store as openConfig makes it, with a lock timeout long enough for a hundred processes starting at once on 2 cores.
     const store = new JsonStore(configFilePath(dir), { empty: () => ({ version: 1, profiles: {} }), validate: validateConfig, lock: { timeoutMs: 40_000 } });
     await setProviderSettings(store, { profile, provider: 'solaris', env: 'sandbox' }, { client_id: 'id-' + profile });
     process.stdout.write('saved');`,
    import.meta.url,
    join(temp.root, 'writer.mjs'),
  );
});
afterAll(async () => {
  await temp.cleanup();
});

describe('the config lock under stress', () => {
  it(`${WRITERS} writer processes × ${ROUNDS} rounds: every saved write is in the file`, { timeout: 150_000 }, async () => {
    const started = Date.now();
    const expected: string[] = [];
    for (let round = 0; round < ROUNDS && (round < 2 || Date.now() - started < BUDGET_MS); round++) {
      const profiles = Array.from({ length: WRITERS }, (_, i) => `r${round}-w${i}`);
      const results = await Promise.all(profiles.map((profile) => runNode(child, [temp.configDir, profile], { timeoutMs: 45_000 })));
      const failed = results.flatMap((r, i) => (r.code === 0 && r.stdout === 'saved' ? [] : [`${profiles[i]}: exit ${r.code} ${r.stderr.split('\n')[0]}`]));
      expected.push(...profiles.filter((_, i) => results[i]!.code === 0));
      const stored = (await openConfig(temp.configDir).read()).profiles;
      const lost = expected.filter((profile) => stored[profile]?.solaris?.sandbox?.client_id !== `id-${profile}`);
      expect({ round, failed, lost }).toEqual({ round, failed: [], lost: [] });
    }
  });
});
