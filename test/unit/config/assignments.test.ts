import { describe, expect, it } from 'vitest';
import { applyAssignments, parseAssignments } from '../../../src/config/assignments.js';
import { ConfigError, UsageError } from '../../../src/core/errors.js';

describe('parseAssignments', () => {
  it.each([
    [['voice=cedar'], [{ key: 'voice', value: 'cedar' }]],
    [
      ['vad-threshold=0.4', 'timeout=30'],
      [
        { key: 'vadThreshold', value: 0.4 },
        { key: 'timeoutSeconds', value: 30 },
      ],
    ],
    [['instructions=a=b'], [{ key: 'instructions', value: 'a=b' }]],
    [['voice='], [{ key: 'voice', value: undefined }]],
    [['echoCancellation=off'], [{ key: 'echoCancellation', value: 'off' }]],
    [['audio-backend=pulse'], [{ key: 'audioBackend', value: 'pulse' }]],
  ])('%j', (args, expected) => {
    expect(parseAssignments(args, 'profile "w"')).toEqual(expected);
  });

  it.each([
    [[], UsageError, 'KEY=VALUE'],
    [['voice'], UsageError, 'Expected KEY=VALUE'],
    [['=x'], UsageError, 'Expected KEY=VALUE'],
    [['colour=red'], UsageError, 'Unknown setting "colour"'],
    [['apiKey=sk-123456789'], UsageError, 'Keys are not set this way'],
    [
      ['vad=loud'],
      ConfigError,
      'Cannot set vad in profile "w" (/c.json): vad must be one of server, semantic, manual (got "loud")',
    ],
    [['speed=9'], ConfigError, 'speed must be a number from 0.25 to 1.5 (got "9")'],
  ])('refuses %j', (args, type, words) => {
    expect(() => parseAssignments(args, 'profile "w" (/c.json)')).toThrow(type);
    expect(() => parseAssignments(args, 'profile "w" (/c.json)')).toThrow(words);
  });

  it('never echoes a key typed by mistake', () => {
    try {
      parseAssignments(['apiKey=sk-typed-by-mistake-1'], 'x');
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('sk-typed');
    }
  });
});

describe('applyAssignments', () => {
  it('sets and removes without touching the input', () => {
    const before = { voice: 'ash', model: 'm' };
    const after = applyAssignments(before, [
      { key: 'voice', value: 'cedar' },
      { key: 'model', value: undefined },
      { key: 'speed', value: 1.1 },
    ]);
    expect(after).toEqual({ voice: 'cedar', speed: 1.1 });
    expect(before).toEqual({ voice: 'ash', model: 'm' });
  });
});
