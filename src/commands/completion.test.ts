import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempConfig } from '../../test/helpers/run-cli.js';
import { knownEventTypes } from '../providers/solaris/events.js';

let config: Awaited<ReturnType<typeof tempConfig>>;
const scripts: Record<string, string> = {};
beforeAll(async () => {
  config = await tempConfig();
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell], { env: config.env });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    scripts[shell] = join(config.dir, '..', `completion.${shell}`);
    await writeFile(scripts[shell], result.stdout);
  }
});
afterAll(() => config.cleanup());

function installed(shell: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`]);
    return true;
  } catch {
    return false;
  }
}

/** The words bash offers after `line` (the last word, possibly empty, is the one being completed). */
async function bashComplete(line: string): Promise<string[]> {
  const words = line.split(' ');
  const script = `source "$1"; complete -p fintech-cli >/dev/null || exit 9; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _fintech_cli; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const { stdout } = await execa('bash', ['--norc', '--noprofile', '-c', script, 'bash', scripts.bash!]);
  return stdout.split('\n').filter(Boolean);
}

describe('completion bash', () => {
  it('parses with bash -n and registers the function with complete', async () => {
    await execa('bash', ['-n', scripts.bash!]);
    const { stdout } = await execa('bash', ['--norc', '--noprofile', '-c', 'source "$1"; complete -p fintech-cli', 'bash', scripts.bash!]);
    expect(stdout).toBe('complete -F _fintech_cli fintech-cli');
  });

  it.each([
    ['fintech-cli re', ['request']],
    ['fintech-cli conf', ['config']],
    ['fintech-cli config ', ['set', 'get', 'list', 'unset', 'path']],
    ['fintech-cli request ', ['solaris', 'finapi', 'soldo']],
    ['fintech-cli request --json soldo P', ['POST', 'PUT', 'PATCH']],
    ['fintech-cli request soldo GET /business/v2/wallets --pag', ['--paginate']],
    ['fintech-cli doctor solaris ', ['solaris', 'finapi', 'soldo']],
    ['fintech-cli --env ', ['sandbox', 'production', 'emulator']],
    ['fintech-cli auth token --env e', ['emulator']],
    ['fintech-cli completion ', ['bash', 'zsh', 'fish']],
    ['fintech-cli soldo sign --operation wallet-in', ['wallet-internal-transfer']],
    ['fintech-cli webhooks create --event-type ACCOUNT_CL', ['ACCOUNT_CLOSURE', 'ACCOUNT_CLOSURE_REQUEST', 'ACCOUNT_CLOSURE_REQUEST_UPDATE']],
    ['fintech-cli solaris device-consent create --event-type ', ['APPROVED', 'REJECTED']],
    ['fintech-cli request solaris GET /v1/x --api ', ['api', 'auth', 'process', 'giroident']],
  ])('completes %j', async (line, expected) => {
    expect(await bashComplete(line)).toEqual(expected);
  });

  it('offers the command options and the global ones after a dash', async () => {
    const offered = await bashComplete('fintech-cli request solaris GET /v1/webhooks -');
    expect(offered).toEqual(expect.arrayContaining(['-d', '--data', '-F', '--field', '--curl', '--dry-run', '--include', '--env', '--json', '--help']));
    expect(offered).not.toContain('--junit');
  });

  it('offers every known Solaris event type to webhooks trigger', async () => {
    expect(await bashComplete('fintech-cli webhooks trigger ')).toEqual([...knownEventTypes]);
  });

  it('completes file names after a flag that takes a file, and skips flag values when finding the command', async () => {
    const offered = await bashComplete(`fintech-cli doctor --junit ${join(config.dir, '..', 'completion.b')}`);
    expect(offered).toEqual([scripts.bash]);
    expect(await bashComplete('fintech-cli --profile request re')).toEqual(['request']);
    expect(await bashComplete('fintech-cli --profile work request --env emulator ')).toEqual(['solaris', 'finapi', 'soldo']);
  });
});

describe.skipIf(!installed('zsh'))('completion zsh', () => {
  it('parses with zsh -n and registers with compdef through bashcompinit', async () => {
    await execa('zsh', ['-n', scripts.zsh!]);
    const { stdout } = await execa('zsh', ['-f', '-c', 'source "$1"; print -r -- ${_comps[fintech-cli]}', 'zsh', scripts.zsh!]);
    expect(stdout).toContain('_bash_complete');
  });
});

describe.skipIf(!installed('fish'))('completion fish', () => {
  it('parses with fish -n and completes through complete -C', async () => {
    await execa('fish', ['-n', scripts.fish!]);
    const complete = async (line: string) =>
      (await execa('fish', ['--no-config', '-c', `source $argv[1]; complete -C '${line}'`, scripts.fish!])).stdout.split('\n').map((l) => l.split('\t')[0]);
    expect(await complete('fintech-cli request ')).toEqual(['finapi', 'solaris', 'soldo']);
    expect(await complete('fintech-cli --env e')).toEqual(['emulator']);
    expect(await complete('fintech-cli soldo sign --operation wallet-in')).toEqual(['wallet-internal-transfer']);
    expect(await complete('fintech-cli config s')).toEqual(['set']);
  });
});
