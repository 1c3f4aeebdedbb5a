import { describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../helpers/run-cli.js';

describe('FORCE_COLOR', () => {
  it.each([
    ['0', false],
    ['false', false],
    ['1', true],
  ])('FORCE_COLOR=%s on a terminal: colour %s', async (value, coloured) => {
    const config = await tempConfig();
    // A missing credential: an error line, red when colour is on.
    const result = await runCli(['auth', 'token', 'solaris'], { tty: true, env: { ...config.env, FORCE_COLOR: value } });
    await config.cleanup();
    expect(result.code).toBe(4);
    expect(result.stderr.includes('\u001b[')).toBe(coloured);
    expect(result.stderr).toContain('No client_id for solaris');
  });

  it('FORCE_COLOR=1 colours piped output too; FORCE_COLOR=0 never', async () => {
    const config = await tempConfig();
    const piped = (value: string) => runCli(['auth', 'token', 'solaris'], { env: { ...config.env, FORCE_COLOR: value } });
    expect((await piped('1')).stderr).toContain('\u001b[31merror:');
    expect((await piped('0')).stderr).toMatch(/^error: /);
    await config.cleanup();
  });
});
