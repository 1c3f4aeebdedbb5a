import { describe, expect, it } from 'vitest';
import { runCli } from '../test/helpers/run-cli.js';

describe('main', () => {
  it('prints the version alone on stdout', async () => {
    const result = await runCli(['--version']);
    expect(result).toEqual({ code: 0, stdout: '0.0.0-test\n', stderr: '' });
  });

  it('shows help with the command groups, the environment variables and the exit codes', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: fintech-cli');
    expect(result.stdout).toMatch(/config\s+Show and change stored credentials/);
    expect(result.stdout).toContain('FINTECH_CLI_CONFIG_DIR');
    expect(result.stdout).toContain('Exit codes: 0 ok, 1 API error, 2 usage');
  });

  it('shows examples in a command help', async () => {
    const result = await runCli(['config', 'set', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('--client-secret-stdin');
    expect(result.stdout).toContain('--production');
  });

  it('rejects an unknown command with exit 2, one line and a hint', async () => {
    const result = await runCli(['confg', 'list']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe("error: unknown command 'confg' (did you mean config?)\nRun with --help to see the usage.\n");
  });

  it('rejects an unknown flag with exit 2 and suggests the close one', async () => {
    const result = await runCli(['config', 'list', '--show-secret']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--show-secret'");
    expect(result.stderr).toContain('--show-secrets');
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('rejects conflicting environment flags', async () => {
    const result = await runCli(['config', 'path', '--sandbox', '--production']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Conflicting environments: sandbox and production');
  });

  it('rejects an unknown environment from FINTECH_CLI_ENV, naming the variable', async () => {
    const result = await runCli(['config', 'get', 'solaris'], { env: { FINTECH_CLI_ENV: 'staging' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown environment "staging" (from FINTECH_CLI_ENV)');
  });

  it('writes errors as JSON on stderr with --json', async () => {
    const result = await runCli(['config', 'get', 'paypal', '--json']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const error = JSON.parse(result.stderr) as { error: { code: string; message: string } };
    expect(error.error.code).toBe('usage_error');
    expect(error.error.message).toContain('Unknown provider "paypal"');
  });

  it('accepts global options before the subcommand', async () => {
    const result = await runCli(['--json', 'config', 'path'], { env: { FINTECH_CLI_CONFIG_DIR: '/tmp/x' } });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      config_dir: '/tmp/x',
      config_file: '/tmp/x/config.json',
      token_cache_file: '/tmp/x/tokens.json',
    });
  });
});
