import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describeFsError } from '../core/fs-errors.js';
import { junitXml } from '../core/junit.js';
import { isProviderId, providers } from '../environments.js';
import { CliError, UsageError } from '../errors.js';
import { descriptors } from '../providers/descriptors.js';
import { type Check, type CheckResult, type CheckStatus, fail, runChecks } from '../providers/doctor/checks.js';
import { localChecks } from '../providers/doctor/local-checks.js';
import { providerChecks } from '../providers/doctor/provider-checks.js';
import type { RunContext } from '../run-context.js';
import { parseProvider } from './shared/provider-arg.js';
import { defineCommand } from './spec.js';

export default defineCommand({
  path: ['doctor'],
  summary: 'Check the setup: config files, credentials, proxies and CAs, reachability, tokens, clock, Soldo key',
  description:
    'Check everything a provider call needs, for the selected environment and each configured provider (or those ' +
    'named): config folder and file modes, credentials, proxy and CA settings, DNS and TLS reachability of each base ' +
    'URL, a token request, clock skew and the Soldo signing key. Prints a checklist with the fix of each failure, and ' +
    'exits 0 only when no check failed (warnings do not fail): the smoke check of a CI pipeline.',
  args: [{ name: 'providers...', description: `only these (${providers.join(', ')}); default: every configured one`, required: false, choices: providers }],
  options: [
    { flags: '--junit <file>', description: 'also write the results as JUnit XML (one test case per check) for CI dashboards' },
    { flags: '--public-key-file <path>', description: 'Soldo: the public key uploaded to Soldo, to check that it matches the signing key' },
  ],
  examples: ['fintech-cli doctor', 'fintech-cli doctor soldo --production --public-key-file soldo-public.pem', 'fintech-cli doctor --emulator --json', 'fintech-cli doctor --json --junit doctor.xml'],
  async run({ args, opts }, cx) {
    const named = [...new Set(args.map(parseProvider))];
    const checks = [...localChecks(cx)];
    let configured = 0;
    for (const provider of named.length > 0 ? named : providers) {
      const group = await providerChecks(cx.provider(provider), { explicit: named.length > 0, publicKeyFile: opts.publicKeyFile });
      if (group.configured) configured++;
      checks.push(...group.checks);
    }
    if (configured === 0) checks.push(nothingConfigured(cx));
    const results = await runChecks(checks, cx.now);

    const failed = results.filter((r) => r.status === 'fail').length;
    if (cx.globals.json) cx.io.json(resultsJson(cx, results, failed === 0));
    else renderChecklist(cx, results);
    if (opts.junit !== undefined) await writeJunit(resolve(cx.cwd, opts.junit), results);
    if (failed > 0) throw new CliError('api', `${failed} of ${results.length} checks failed.`, { code: 'checks_failed' });
    if (!cx.globals.json) cx.io.info(summary(results));
  },
});

function nothingConfigured(cx: RunContext): Check {
  const detail = `no provider has credentials in ${cx.globals.environment} (profile ${cx.globals.profile})`;
  const fix = 'Store some: fintech-cli login <provider>, or set FINTECH_CLI_<PROVIDER>_CLIENT_ID and _CLIENT_SECRET; or try: fintech-cli doctor --emulator';
  return { group: 'setup', name: 'providers configured', run: async () => fail(detail, fix) };
}

const marks: Record<CheckStatus, { mark: string; style: 'green' | 'red' | 'yellow' | 'dim' }> = {
  pass: { mark: '✓', style: 'green' },
  fail: { mark: '✗', style: 'red' },
  warn: { mark: '!', style: 'yellow' },
  skip: { mark: '-', style: 'dim' },
};

/** The checklist is the command's result, so it goes to stdout; each failure and warning carries its fix. */
function renderChecklist(cx: RunContext, results: readonly CheckResult[]): void {
  const { io } = cx;
  let group: string | undefined;
  for (const result of results) {
    if (result.group !== group) {
      io.out(`${group === undefined ? '' : '\n'}${io.outStyle.bold(groupLabel(cx, result.group))}\n`);
      group = result.group;
    }
    const { mark, style } = marks[result.status];
    io.out(`  ${io.outStyle[style](mark)} ${result.name}: ${result.status === 'skip' ? io.outStyle.dim(`skipped, ${result.detail}`) : result.detail}\n`);
    if (result.fix !== undefined && (result.status === 'fail' || result.status === 'warn')) io.out(`    ${io.outStyle.cyan('fix:')} ${result.fix}\n`);
  }
}

function groupLabel(cx: RunContext, group: string): string {
  return isProviderId(group) ? `${descriptors[group].name} (${cx.globals.environment}, profile ${cx.globals.profile})` : 'Setup';
}

function summary(results: readonly CheckResult[]): string {
  const count = (status: CheckStatus, word: string) => {
    const n = results.filter((r) => r.status === status).length;
    return n === 0 ? [] : [`${n} ${word}${n === 1 ? '' : 's'}`];
  };
  const notes = [...count('warn', 'warning'), ...count('skip', 'skipped check')];
  return `All checks passed${notes.length === 0 ? '' : ` (${notes.join(', ')})`}.`;
}

function resultsJson(cx: RunContext, results: readonly CheckResult[], ok: boolean) {
  return {
    ok,
    environment: cx.globals.environment,
    profile: cx.globals.profile,
    checks: results.map((r) => ({ group: r.group, name: r.name, status: r.status, detail: r.detail, fix: r.fix ?? null, duration_ms: r.durationMs })),
  };
}

async function writeJunit(path: string, results: readonly CheckResult[]): Promise<void> {
  try {
    await writeFile(path, junitXml('fintech-cli doctor', results));
  } catch (error) {
    throw new UsageError(`Cannot write the JUnit report ${path}: ${describeFsError(error)}`, { code: 'junit_unwritable', cause: error });
  }
}
