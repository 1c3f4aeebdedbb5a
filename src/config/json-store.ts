/**
 * One JSON file on disk, shared safely by concurrent fintech-cli processes: reads never modify it, updates are
 * read-modify-write under a cross-process lock and replace it atomically with a fresh 0600 file. It is used only
 * when its folder and the file belong to the user and nobody else can write them (file-trust.ts).
 */
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { findJsonError } from '../core/json-text.js';
import { removeStaleTemps, writeFileAtomic } from './atomic-write.js';
import { type LockOptions, withFileLock } from './file-lock.js';
import { assertTrustedStats, trustedTarget } from './file-trust.js';
import { shellQuote } from '../core/shell-word.js';
import { describeFsError } from '../core/fs-errors.js';
import { isMissing, writeFailure } from './fs-util.js';


export interface JsonStoreOptions<T> {
  empty: () => T;
  /** Returns the document, or throws an Error (or a string) saying what is wrong with its shape. */
  validate: (raw: unknown) => T;
  /** Names the file in messages, e.g. "Token cache"; default "Config file". */
  label?: string;
  lock?: LockOptions;
}

export class JsonStore<T> {
  constructor(
    readonly path: string,
    private readonly options: JsonStoreOptions<T>,
  ) {}

  /** The document, or `empty()` when the file does not exist. A broken file is reported, never repaired. */
  async read(): Promise<T> {
    return this.readTarget().doc;
  }

  /** Applies `mutate` to the current document under the lock and writes the result; returns what was written. */
  async update(mutate: (doc: T) => T | void): Promise<T> {
    trustedTarget(this.path, this.label); // before the lock is made in a folder that may not be trusted
    return withFileLock(
      `${this.path}.lock`,
      async () => {
        const { doc, target } = this.readTarget();
        const next = mutate(doc) ?? doc;
        try {
          await removeStaleTemps(dirname(this.path));
          if (dirname(target) !== dirname(this.path)) await removeStaleTemps(dirname(target));
          await writeFileAtomic(target, `${JSON.stringify(next, null, 2)}\n`);
        } catch (error) {
          throw writeFailure(this.path, error);
        }
        return next;
      },
      this.options.lock,
    );
  }

  /** The document and the file it lives in (the target of a symlink at `path`), its owner and mode checked on the open file. */
  private readTarget(): { doc: T; target: string } {
    const target = trustedTarget(this.path, this.label);
    let text: string;
    try {
      // Synchronous: a command reads a few small files before anything else can run, and the promise API of fs
      // costs every start that loads it 11 internal modules (docs/performance.md).
      const fd = openSync(target, 'r');
      try {
        assertTrustedStats(target, fstatSync(fd));
        text = readFileSync(fd, 'utf8');
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      // ENOTDIR: a file stands where the config folder would be; nothing is stored there either.
      if (isMissing(error)) return { doc: this.options.empty(), target };
      throw new UsageError(`Cannot read ${this.label} ${this.path}: ${describeFsError(error)}`, {
        code: 'config_unreadable',
        hint: 'Check the permissions of the file and its directory.',
        cause: error,
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch {
      throw this.corrupt(`is not valid JSON (${whereJsonBreaks(text.replace(/^\uFEFF/, ''))})`);
    }
    try {
      return { doc: this.options.validate(raw), target };
    } catch (error) {
      throw this.corrupt(`has an unexpected shape: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private get label(): string {
    return this.options.label ?? 'Config file';
  }

  private corrupt(what: string): UsageError {
    return new UsageError(`${this.label} ${this.path} ${what}`, {
      code: 'config_corrupt',
      hint: `Repair it by hand, or move it away and run the command again: mv ${shellQuote(this.path)} ${shellQuote(`${this.path}.bak`)}`,
    });
  }
}

/** Line and column only: V8's own messages quote the text around the error, and a config file holds secrets. */
function whereJsonBreaks(text: string): string {
  const error = findJsonError(text);
  if (error === undefined) return 'syntax error';
  return `${error.atEnd ? 'unexpected end of file' : 'unexpected character'} at line ${error.line}, column ${error.column}`;
}
