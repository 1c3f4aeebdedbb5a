// Times whole commands: hyperfine where it is installed, otherwise a small Node harness. Either way the commands run
// in interleaved rounds (every command once or a few times per round, then the next round), so a slow spell of the
// machine lands on every command alike, and each command's figure is the median of all its runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The hyperfine version, or undefined when it is not installed (or FINTECH_CLI_BENCH_TIMER=node). */
export function hyperfineVersion() {
  if (process.env.FINTECH_CLI_BENCH_TIMER === 'node') return undefined;
  try {
    return execFileSync('hyperfine', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/**
 * commands: [{ id, argv: [file, ...args] }]. Returns Map id → { median, p25, p75, min, runs } in milliseconds.
 * rounds × perRound runs of each command, after `warmup` runs of each.
 */
export function timeCommands(commands, { rounds, perRound = 1, warmup = 2, env = process.env, cwd = process.cwd() }) {
  const times = new Map(commands.map((c) => [c.id, []]));
  if (hyperfineVersion() !== undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'fintech-cli-bench-'));
    try {
      for (let round = 0; round < rounds; round++) {
        const out = join(dir, 'round.json');
        const args = ['-N', '--style', 'none', '--warmup', String(round === 0 ? warmup : 1), '--runs', String(perRound), '--export-json', out];
        for (const c of commands) args.push('--command-name', c.id, c.argv.map(shellWord).join(' '));
        execFileSync('hyperfine', args, { env, cwd, stdio: ['ignore', 'ignore', 'inherit'] });
        for (const result of JSON.parse(readFileSync(out, 'utf8')).results) times.get(result.command).push(...result.times.map((s) => s * 1000));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const runOnce = (c) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(c.argv[0], c.argv.slice(1), { env, cwd, stdio: 'ignore' });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`${c.id}: exit ${result.status ?? result.signal} while timing`);
      return ms;
    };
    for (const c of commands) for (let i = 0; i < warmup; i++) runOnce(c);
    for (let round = 0; round < rounds; round++) {
      for (const c of commands) for (let i = 0; i < perRound; i++) times.get(c.id).push(runOnce(c));
    }
  }
  return new Map([...times].map(([id, list]) => [id, summary(list)]));
}

export function summary(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q) => {
    const i = (sorted.length - 1) * q;
    const lo = Math.floor(i);
    return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (i - lo);
  };
  return { median: at(0.5), p25: at(0.25), p75: at(0.75), min: sorted[0], runs: sorted.length };
}

/** hyperfine -N splits a command line into words like a shell does: quote the words that need it. */
function shellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'"'"'`)}'`;
}
