import { describe, expect, it } from 'vitest';
import { editDraft, intentFor, type KeyInfo } from '../../../src/ui/keymap.js';

const key = (over: Partial<KeyInfo> = {}): KeyInfo => ({
  ctrl: false,
  meta: false,
  return: false,
  escape: false,
  backspace: false,
  delete: false,
  ...over,
});

describe('keymap', () => {
  it.each([
    ['q', key(), 'quit'],
    ['c', key({ ctrl: true }), 'quit'],
    ['m', key(), 'toggle-mute'],
    [' ', key(), 'push-to-talk'],
    ['t', key(), 'start-typing'],
    ['/', key(), 'start-typing'],
    ['?', key(), 'toggle-help'],
    ['s', key(), 'interrupt'],
    ['x', key(), undefined],
  ])('%j -> %s', (input, k, intent) => {
    expect(intentFor(input, k)).toBe(intent);
  });

  it('edits a draft', () => {
    expect(editDraft('hel', 'l', key())).toEqual({ kind: 'draft', text: 'hell' });
    expect(editDraft('hell', '', key({ backspace: true }))).toEqual({ kind: 'draft', text: 'hel' });
    expect(editDraft('hi', '', key({ return: true }))).toEqual({ kind: 'send' });
    expect(editDraft('hi', '', key({ escape: true }))).toEqual({ kind: 'cancel' });
    expect(editDraft('hi', 'c', key({ ctrl: true }))).toEqual({ kind: 'quit' });
    expect(editDraft('hi', 'q', key())).toEqual({ kind: 'draft', text: 'hiq' });
  });
});
