import { describe, expect, it } from 'vitest';
import { parsePythonLiteral, PythonLiteralError } from '../../../build-scripts/ingest/python-literal';

describe('parsePythonLiteral', () => {
  it('reads what repr() writes for The Movies Dataset columns', () => {
    expect(parsePythonLiteral("[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]")).toEqual([
      { id: 16, name: 'Animation' },
      { id: 35, name: 'Comedy' }
    ]);
    expect(parsePythonLiteral("{'id': 10194, 'name': 'Toy Story Collection', 'backdrop_path': None}")).toEqual({
      id: 10194, name: 'Toy Story Collection', backdrop_path: null
    });
    expect(parsePythonLiteral('[]')).toEqual([]);
    expect(parsePythonLiteral('{}')).toEqual({});
  });

  it('handles both quote styles and escapes', () => {
    expect(parsePythonLiteral(`"Cote d'Or"`)).toBe("Cote d'Or");
    expect(parsePythonLiteral(`'It\\'s'`)).toBe("It's");
    expect(parsePythonLiteral(`'say "hi"'`)).toBe('say "hi"');
    expect(parsePythonLiteral(`'Caf\\xe9 \\u00e9\\U0001F600 a\\\\b\\n\\t'`)).toBe('Café é😀 a\\b\n\t');
    expect(parsePythonLiteral(`'\\101\\0'`)).toBe('A\0');
    expect(parsePythonLiteral(`u'unicode'`)).toBe('unicode');
    expect(parsePythonLiteral(`r'raw\\d'`)).toBe('raw\\d');
    expect(parsePythonLiteral(`'keep \\d'`)).toBe('keep \\d');
  });

  it('reads numbers, booleans, None, tuples and sets', () => {
    expect(parsePythonLiteral('[1, -2, 3.5, 1e3, -0.25, 1_000]')).toEqual([1, -2, 3.5, 1000, -0.25, 1000]);
    expect(parsePythonLiteral('[True, False, None]')).toEqual([true, false, null]);
    expect(parsePythonLiteral('(1, 2)')).toEqual([1, 2]);
    expect(parsePythonLiteral('(1,)')).toEqual([1]);
    expect(parsePythonLiteral('(1)')).toBe(1);
    expect(parsePythonLiteral('()')).toEqual([]);
    expect(parsePythonLiteral("{'a', 'b'}")).toEqual(['a', 'b']);
    expect(parsePythonLiteral("{1: 'one', (2, 3): 'pair', None: 0}")).toEqual({ 1: 'one', '[2,3]': 'pair', null: 0 });
    expect(parsePythonLiteral(' [ 1 , 2 , ] ')).toEqual([1, 2]);
  });

  it('keeps a "__proto__" key as data', () => {
    const v = parsePythonLiteral("{'__proto__': {'polluted': True}}") as Record<string, unknown>;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects anything that is not a literal, without evaluating it', () => {
    const bad = [
      "[{'id': 16, 'name': 'Animation'}", "__import__('os').system('true')", 'open("x")', "'unterminated",
      '[1 2]', "{'a' 1}", "{'a': 1 'b': 2}", '1 2', '', 'nan', "'\\x4'", 'Truee', "{'a': }"
    ];
    for (const s of bad) expect(() => parsePythonLiteral(s), s).toThrow(PythonLiteralError);
  });

  it('fails cleanly on very deep nesting', () => {
    expect(() => parsePythonLiteral('['.repeat(10_000) + ']'.repeat(10_000))).toThrow(/nesting too deep/);
  });
});
