import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../../src/core/bounded-map.js';
import { ConversationHistory } from '../../../src/core/history.js';

describe('BoundedMap', () => {
  it('forgets the least recently set entries beyond its capacity', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1).set('b', 2);
    map.set('a', 3); // set again: now the newest
    map.set('c', 4);
    expect([map.has('a'), map.has('b'), map.has('c')]).toEqual([true, false, true]);
    expect(map.get('a')).toBe(3);
    expect(map.size).toBe(2);
  });

  it('refuses a capacity that could not hold anything', () => {
    expect(() => new BoundedMap(0)).toThrow(RangeError);
  });
});

describe('ConversationHistory over a long conversation', () => {
  it('still cuts the reply being played to what was heard after a thousand replies', () => {
    const history = new ConversationHistory(5);
    for (let i = 0; i < 1000; i++) {
      history.observe({ type: 'response.audio', responseId: `r${i}`, pcm: new Int16Array(2400) });
      history.observe({ type: 'response.text.delta', responseId: `r${i}`, delta: 'abcdefghij' });
      history.observe({ type: 'response.done', responseId: `r${i}`, status: 'completed' });
    }
    history.observe({ type: 'response.audio', responseId: 'last', pcm: new Int16Array(24_000) });
    history.observe({ type: 'response.text.delta', responseId: 'last', delta: 'abcdefghij' });
    history.truncated('last', 500, 24_000);
    history.observe({ type: 'response.done', responseId: 'last', status: 'cancelled' });
    expect(history.items().at(-1)).toEqual({ role: 'assistant', text: 'abcde…' });
    expect(history.items()).toHaveLength(5);
  });
});
