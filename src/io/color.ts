import type { OutStream } from './streams.js';

export interface ColorSettings {
  noColorFlag: boolean;
  json: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * Colour only on a terminal, never with --json, --no-color, NO_COLOR, FORCE_COLOR=0 or CI (contract, "Output").
 * chalk 5 ignores NO_COLOR (docs/architecture.md), so the decision is ours and styling uses plain SGR codes.
 */
export function colorEnabled(stream: OutStream, settings: ColorSettings): boolean {
  const { env } = settings;
  if (settings.noColorFlag || settings.json) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  // FORCE_COLOR=0 (or false) turns colour off, as in Node and chalk; any other value turns it on.
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return true;
  if (env.CI !== undefined && env.CI !== '' && env.CI !== 'false') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

const codes = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type StyleName = keyof typeof codes;
export type Styler = Record<StyleName, (text: string) => string>;

export function styler(enabled: boolean): Styler {
  const make = (name: StyleName) => {
    const [open, close] = codes[name];
    return enabled ? (text: string) => `\u001b[${open}m${text}\u001b[${close}m` : (text: string) => text;
  };
  return { bold: make('bold'), dim: make('dim'), red: make('red'), green: make('green'), yellow: make('yellow'), cyan: make('cyan') };
}
