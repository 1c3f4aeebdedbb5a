import { shellWord } from '../../core/shell-word.js';
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describeFsError } from '../../core/fs-errors.js';
import { generateKeyPair, loadPublicKey, publicKeySha256 } from '../../core/soldo/signature.js';
import { UsageError } from '../../errors.js';
import { configSetSoldo } from '../../providers/soldo/config-hint.js';
import { defineCommand } from '../spec.js';

export default defineCommand({
  path: ['soldo', 'keygen'],
  summary: 'Create the RSA key pair for Soldo request signatures',
  description:
    'Create a 2048-bit RSA key pair for Soldo\'s advanced authentication: DIR/private.pem (PKCS#8, mode 0600) signs ' +
    'your requests; DIR/public.pem (SubjectPublicKeyInfo) is the one to upload to Soldo. DIR is created (0700) if missing.',
  options: [
    { flags: '--out <dir>', description: 'directory for private.pem and public.pem', required: true },
    { flags: '--force', description: 'replace an existing pair (the old key stops working once Soldo has the new public key)' },
  ],
  examples: ['fintech-cli soldo keygen --out ~/.config/soldo-keys', 'fintech-cli soldo keygen --out keys --json'],
  async run({ opts }, cx) {
    const dir = resolve(cx.cwd, opts.out);
    const privatePath = join(dir, 'private.pem');
    const publicPath = join(dir, 'public.pem');
    const replace = opts.force;
    if (!replace) await refuseExisting([privatePath, publicPath]);

    const { privatePem, publicPem } = generateKeyPair();
    await mkdirPrivate(dir);
    await writeNew(privatePath, privatePem, 0o600, replace);
    await writeNew(publicPath, publicPem, 0o644, replace);
    const sha256 = publicKeySha256(loadPublicKey(publicPem));

    if (cx.globals.json) {
      cx.io.json({ private_key_file: privatePath, public_key_file: publicPath, public_key_sha256: sha256 });
      return;
    }
    cx.io.out(`Private key  ${privatePath}\nPublic key   ${publicPath}\nSHA-256      ${sha256}\n`);
    const style = cx.io.errStyle;
    cx.io.info(`${style.green('✓')} Created a 2048-bit RSA key pair. Keep private.pem secret; it never leaves this machine.`);
    cx.io.info(style.bold('Next steps:'));
    cx.io.info(`  1. Upload ${publicPath} in Soldo's web app, in the API settings of your company (advanced authentication).`);
    cx.io.info(`  2. ${configSetSoldo(cx.globals, `--private-key-file ${shellWord(privatePath)}`)}`);
  },
});

async function refuseExisting(paths: readonly string[]): Promise<void> {
  const existing = (await Promise.all(paths.map(async (path) => ((await exists(path)) ? [path] : [])))).flat();
  if (existing.length === 0) return;
  throw new UsageError(`${existing.join(' and ')} already exist${existing.length === 1 ? 's' : ''}.`, {
    code: 'key_exists',
    hint: 'Choose another --out, or add --force to replace the pair (then upload the new public.pem to Soldo).',
  });
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function mkdirPrivate(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    throw new UsageError(`Cannot create ${dir}: ${describeFsError(error)}`, { code: 'key_dir_unwritable', cause: error });
  });
}

/**
 * Creates the file exclusively, so it gets `mode` from the start; what --force replaces is removed first rather than
 * overwritten, which would keep the old file's mode.
 */
async function writeNew(path: string, text: string, mode: number, replace: boolean): Promise<void> {
  try {
    if (replace) await rm(path, { force: true });
    await writeFile(path, text, { mode, flag: 'wx' });
  } catch (error) {
    throw new UsageError(`Cannot write ${path}: ${describeFsError(error)}`, { code: 'key_file_unwritable', cause: error });
  }
}
