/** Real child processes running our modules: tests run TypeScript, a child runs a bundled JavaScript script. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Bundles `source` (TypeScript that imports our modules relative to `importedFrom`) into `outfile`, and returns it. */
export async function bundleChild(source: string, importedFrom: string, outfile: string): Promise<string> {
  await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('.', importedFrom)), loader: 'ts', sourcefile: 'child.ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  return outfile;
}

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node script args…` to its end; killed after `timeoutMs` (a test's bound), which shows as code null. */
export function runNode(script: string, args: string[], { timeoutMs = 30_000 }: { timeoutMs?: number } = {}): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
