import { describe, expect, it } from 'vitest';
import { junitXml } from './junit.js';

describe('junitXml', () => {
  const xml = junitXml('fintech-cli doctor', [
    { group: 'setup', name: 'config file', status: 'fail', detail: 'a & b <c> "d" \'e\'\u0007', fix: 'chmod 600 x', durationMs: 1500 },
    { group: 'setup', name: 'proxy', status: 'pass', detail: 'none', durationMs: 0 },
    { group: 'soldo', name: 'clock', status: 'warn', detail: '9 s behind', fix: 'sync', durationMs: 2 },
    { group: 'soldo', name: 'configured', status: 'skip', detail: 'no client id', durationMs: 0 },
  ]);

  it('writes one suite per group and one case per check, with the counts', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="fintech-cli doctor" tests="4" failures="1" errors="0" skipped="1" time="1.502">')).toBe(true);
    expect(xml).toContain('<testsuite name="fintech-cli doctor.setup" tests="2" failures="1" errors="0" skipped="0" time="1.500">');
    expect(xml).toContain('<testcase classname="fintech-cli doctor.soldo" name="configured" time="0.000"><skipped message="no client id"/></testcase>');
    expect(xml).toContain('<system-out>warning: 9 s behind\nfix: sync</system-out>');
  });

  it('escapes text and attributes and drops characters XML cannot hold', () => {
    expect(xml).toContain(
      '<failure message="a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;" type="fail">a &amp; b &lt;c&gt; "d" \'e\'\nfix: chmod 600 x</failure>',
    );
    expect(xml).not.toContain('\u0007');
  });
});
