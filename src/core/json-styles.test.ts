import { describe, expect, it } from 'vitest';
import { jsonStyles, writeJson } from './json-styles.js';

const value = JSON.parse('{"b":"é/<x>","a":[1,2.5,{"c":null}],"e":{},"f":[]}') as unknown;
const style = (start: string) => {
  const found = jsonStyles.find((s) => s.description.startsWith(start));
  if (found === undefined) throw new Error(`no style ${start}`);
  return found;
};

describe('writeJson', () => {
  it('writes compactly and indented exactly as JSON.stringify does', () => {
    expect(writeJson(value, style('compactly (JSON'))).toBe(JSON.stringify(value));
    expect(writeJson(value, style('indented by 2'))).toBe(JSON.stringify(value, null, 2));
    expect(writeJson(value, style('indented by 4'))).toBe(JSON.stringify(value, null, 4));
    expect(writeJson(value, style('indented with tabs'))).toBe(JSON.stringify(value, null, '\t'));
  });

  it("writes Python's, PHP's and Go's defaults", () => {
    // json.dumps({"b": "é/<x>", "a": [1, 2.5, {"c": None}], "e": {}, "f": []})
    expect(writeJson(value, style("the way Python"))).toBe('{"b": "\\u00e9/<x>", "a": [1, 2.5, {"c": null}], "e": {}, "f": []}');
    // json_encode(json_decode(…))
    expect(writeJson(value, style("the way PHP"))).toBe('{"b":"\\u00e9\\/<x>","a":[1,2.5,{"c":null}],"e":{},"f":[]}');
    // json.Marshal(map[string]any)
    expect(writeJson(value, style("the way Go"))).toBe('{"a":[1,2.5,{"c":null}],"b":"é/\\u003cx\\u003e","e":{},"f":[]}');
    expect(writeJson(value, style('compactly with the keys sorted'))).toBe('{"a":[1,2.5,{"c":null}],"b":"é/<x>","e":{},"f":[]}');
  });

  it('writes scalars at the top level', () => {
    expect(writeJson('x', style('indented by 2'))).toBe('"x"');
    expect(writeJson(3, style('indented by 2'))).toBe('3');
  });
});
