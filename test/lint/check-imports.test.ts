import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript script of the lint run, without type declarations
import { checkImports } from '../../scripts/check-imports.mjs';

const trees: string[] = [];

/** A throw-away project: `files` maps paths below src/ to their text. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'fintech-cli-imports-'));
  trees.push(root);
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, 'src', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return root;
}

afterEach(() => {
  for (const root of trees.splice(0)) rmSync(root, { recursive: true, force: true });
});

function problems(files: Record<string, string>): string[] {
  return (checkImports(tree(files)) as { problems: string[] }).problems;
}

describe('the import-graph check of npm run lint', () => {
  it('passes on this repository', () => {
    expect((checkImports(join(import.meta.dirname, '../..')) as { problems: string[] }).problems).toEqual([]);
  });

  it('fails on a provider importing a command', () => {
    expect(
      problems({
        'providers/solaris/webhooks-api.ts': "import { run } from '../../commands/webhooks/create.js';\nexport const x = run;\n",
        'commands/webhooks/create.ts': 'export const run = 1;\n',
      }),
    ).toEqual(['src/providers/solaris/webhooks-api.ts imports src/commands/webhooks/create.ts: providers may not import commands (allowed: errors, core, contract, config, http, io).']);
  });

  it('counts dynamic and type-only imports, and fails on a core module that imports anything of ours', () => {
    const found = problems({
      'core/pure.ts': "import type { Io } from '../io/io.js';\nexport const load = () => import('../config/store.js');\nexport type X = Io;\n",
      'io/io.ts': 'export interface Io { x: 1 }\n',
      'config/store.ts': 'export const y = 2;\n',
    });
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('src/core/pure.ts imports src/io/io.ts: core may not import io');
    expect(found[1]).toContain('src/core/pure.ts imports src/config/store.ts: core may not import config');
  });

  it('finds a circle, type-only links included, and names the files round it', () => {
    expect(
      problems({
        'http/client.ts': "import { b } from './curl.js';\nexport const a = b;\n",
        'http/curl.ts': "import type { A } from './types.js';\nexport const b: A = 1;\n",
        'http/types.ts': "import { a } from './client.js';\nexport type A = typeof a;\n",
      }),
    ).toEqual(['import circle: src/http/client.ts → src/http/curl.ts → src/http/types.ts → src/http/client.ts']);
  });

  it('accepts imports the layer rules allow, within a layer and down it', () => {
    expect(
      problems({
        'commands/x.ts': "import { p } from '../providers/p.js';\nimport { c } from '../core/c.js';\nexport const x = p + c;\n",
        'providers/p.ts': "import { c } from '../core/c.js';\nexport const p = c;\n",
        'core/c.ts': 'export const c = 1;\n',
      }),
    ).toEqual([]);
  });

  it('keeps the library a layer on top: only library/emulator.ts reaches the emulator, and nothing imports the library', () => {
    expect(
      problems({
        'library/emulator.ts': "import { start } from '../emulator/server.js';\nexport const s = start;\n",
        'library/soldo.ts': "import { start } from '../emulator/server.js';\nimport { c } from '../core/c.js';\nexport const s = [start, c];\n",
        'commands/x.ts': "import { s } from '../library/soldo.js';\nexport const x = s;\n",
        'emulator/server.ts': 'export const start = 1;\n',
        'core/c.ts': 'export const c = 1;\n',
      }).sort(),
    ).toEqual([
      'src/library/soldo.ts imports src/emulator/server.ts: library may not import emulator (allowed: errors, core, contract, providers).',
      'src/commands/x.ts imports src/library/soldo.ts: commands may not import library (allowed: errors, core, contract, io, output, config, http, providers, app).',
    ].sort());
  });
});
