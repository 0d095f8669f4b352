import { describe, expect, it } from 'vitest';
import { CancelledResponses, needsCancel, truncationsFrom } from '../../../src/core/barge-in.js';

describe('truncation policy', () => {
  it.each([
    // played, received -> heardMs (undefined: nothing to truncate)
    [0, 1000, 0],
    [400.7, 1000, 400],
    [1000, 1000, undefined],
    [1200, 1000, undefined], // the clock never claims more than was received
    [-5, 300, 0],
  ])('played %s of %s ms -> truncate at %s', (playedMs, receivedMs, heardMs) => {
    const out = truncationsFrom([{ responseId: 'r', playedMs, receivedMs }]);
    if (heardMs === undefined) expect(out).toEqual([]);
    else expect(out).toEqual([{ responseId: 'r', heardMs, receivedMs }]);
  });

  it.each([
    ['user-speech', false],
    ['provider-interrupted', false],
    ['user-text', true],
    ['push-to-talk', true],
    ['user-key', true],
  ] as const)('cause %s -> cancel %s', (cause, expected) => {
    expect(needsCancel(cause)).toBe(expected);
  });

  it('remembers a bounded number of cancelled responses', () => {
    const c = new CancelledResponses(2);
    c.add('a');
    c.add('b');
    c.add('c');
    expect(c.has('a')).toBe(false);
    expect(c.has('b')).toBe(true);
    expect(c.has('c')).toBe(true);
  });
});
