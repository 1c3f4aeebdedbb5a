import type { Env } from '../core/env.js';
import { colorEnabled, styler, type Styler } from './color.js';
import type { Streams } from './streams.js';

export interface Spinner {
  stop(): void;
}

/** stdout is data, stderr is talk: the only way commands write anything. */
export interface Io {
  readonly streams: Streams;
  /** Styles for text written to stdout / stderr; identity functions when colour is off there. */
  readonly outStyle: Styler;
  readonly errStyle: Styler;
  readonly stdoutIsTTY: boolean;
  out(text: string): void;
  /** One JSON document on stdout. */
  json(value: unknown): void;
  /** A line of talk on stderr. */
  info(line: string): void;
  warn(line: string): void;
  /** A spinner on stderr, only on an interactive terminal; otherwise a no-op. */
  spinner(text: string): Promise<Spinner>;
  /** True when a question can be asked: both stdin and stderr are terminals and input is allowed. */
  canPrompt(): boolean;
}

export interface IoSettings {
  json: boolean;
  noColor: boolean;
  input: boolean;
  env: Env;
}

const noSpinner: Spinner = { stop() {} };

export function createIo(streams: Streams, settings: IoSettings): Io {
  const colorSettings = { noColorFlag: settings.noColor, json: settings.json, env: settings.env };
  const errColor = colorEnabled(streams.stderr, colorSettings);
  const errStyle = styler(errColor);
  const ci = settings.env.CI !== undefined && settings.env.CI !== '' && settings.env.CI !== 'false';
  return {
    streams,
    outStyle: styler(colorEnabled(streams.stdout, colorSettings)),
    errStyle,
    stdoutIsTTY: streams.stdout.isTTY === true,
    out: (text) => void streams.stdout.write(text),
    json: (value) => void streams.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    info: (line) => void streams.stderr.write(`${line}\n`),
    warn: (line) => void streams.stderr.write(`${errStyle.yellow('warning:')} ${line}\n`),
    async spinner(text) {
      // Same gate as colour, and never in CI; yocto-spinner because ora 9 hangs on 0-column terminals.
      if (!errColor || ci || !streams.stderr.isTTY) return noSpinner;
      const { default: yoctoSpinner } = await import('yocto-spinner');
      const spinner = yoctoSpinner({ text, stream: streams.stderr as NodeJS.WriteStream }).start();
      return { stop: () => void spinner.stop() };
    },
    canPrompt: () => settings.input && streams.stdin.isTTY === true && streams.stderr.isTTY === true,
  };
}
