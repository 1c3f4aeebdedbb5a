import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.js';
import { runCli } from '../helpers/run-cli.js';

describe.each(commands.map((spec) => [spec.path.join(' '), spec] as const))('fintech-cli %s --help', (_name, spec) => {
  it('shows at least one example of the command', async () => {
    expect(spec.examples.some((example) => example.includes(`fintech-cli ${spec.path.join(' ')}`))).toBe(true);
    const { code, stdout } = await runCli([...spec.path, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`\nExamples:\n  $ ${spec.examples[0]}`);
  });
});
