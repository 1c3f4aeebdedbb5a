/** JUnit XML, the format CI dashboards read test results from: one test suite per group, one test case per check. */

export interface JunitCase {
  /** The suite it belongs to, e.g. `setup` or `solaris`. */
  group: string;
  name: string;
  status: 'pass' | 'fail' | 'warn' | 'skip';
  detail: string;
  fix?: string;
  durationMs: number;
}

export function junitXml(suiteName: string, cases: readonly JunitCase[]): string {
  const groups = [...new Set(cases.map((c) => c.group))];
  const suites = groups.map((group) => suite(`${suiteName}.${group}`, cases.filter((c) => c.group === group)));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element('testsuites', { name: suiteName, ...counts(cases) }, suites.join(''))}\n`;
}

function suite(name: string, cases: readonly JunitCase[]): string {
  const body = cases.map((c) => {
    const message = c.fix === undefined ? c.detail : `${c.detail}\nfix: ${c.fix}`;
    const inner =
      c.status === 'fail'
        ? element('failure', { message: c.detail, type: 'fail' }, escapeText(message))
        : c.status === 'skip'
          ? element('skipped', { message: c.detail })
          : element('system-out', {}, escapeText(c.status === 'warn' ? `warning: ${message}` : c.detail));
    return `\n    ${element('testcase', { classname: name, name: c.name, time: seconds(c.durationMs) }, inner)}`;
  });
  return `\n  ${element('testsuite', { name, ...counts(cases) }, `${body.join('')}\n  `)}`;
}

function counts(cases: readonly JunitCase[]): Record<string, string> {
  const total = (status: JunitCase['status']) => String(cases.filter((c) => c.status === status).length);
  const time = seconds(cases.reduce((sum, c) => sum + c.durationMs, 0));
  return { tests: String(cases.length), failures: total('fail'), errors: '0', skipped: total('skip'), time };
}

function element(name: string, attributes: Record<string, string>, content?: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  return content === undefined || content === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** XML 1.0 has no escape for most control characters: they are dropped. */
// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

function escapeText(text: string): string {
  return text.replace(INVALID_XML, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** Newlines and tabs too, or a parser turns them into spaces. */
function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;').replaceAll("'", '&apos;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;').replaceAll('\t', '&#9;');
}
