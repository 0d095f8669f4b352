import { describe, expect, it } from 'vitest';
import { qualifyToolNames } from '../../../src/core/tool-names.js';

describe('qualifyToolNames', () => {
  it.each([
    [
      'unique names stay as they are',
      [
        ['builtin', 'get_current_time'],
        ['fs', 'read_file'],
      ],
      ['get_current_time', 'read_file'],
    ],
    [
      'a clash qualifies every clashing tool, only those',
      [
        ['a', 'echo'],
        ['b', 'echo'],
        ['b', 'sum'],
      ],
      ['a__echo', 'b__echo', 'sum'],
    ],
    [
      'a clash with the built-in clock',
      [
        ['builtin', 'get_current_time'],
        ['time', 'get_current_time'],
      ],
      ['builtin__get_current_time', 'time__get_current_time'],
    ],
    [
      'characters the dialects refuse become _',
      [
        ['my.server', 'files/read'],
        ['x', '9lives'],
      ],
      ['files_read', '_9lives'],
    ],
    [
      'one server listing a name twice',
      [
        ['a', 'dup'],
        ['a', 'dup'],
      ],
      ['a__dup', 'a__dup_2'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(qualifyToolNames(input.map(([source, name]) => ({ source: source ?? '', name: name ?? '' })))).toEqual(
      expected,
    );
  });

  it('long names are cut to 64 with a hash, so they stay distinct and stable', () => {
    const long = 'x'.repeat(80);
    const names = qualifyToolNames([
      { source: 'a', name: `${long}1` },
      { source: 'a', name: `${long}2` },
    ]);
    expect(names.every((n) => n.length <= 64 && /^[a-zA-Z_][a-zA-Z0-9_-]*$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(2);
    expect(
      qualifyToolNames([
        { source: 'a', name: `${long}1` },
        { source: 'a', name: `${long}2` },
      ]),
    ).toEqual(names);
  });
});
