import { describe, expect, it } from 'vitest';
import { createPlainLog } from '../../../src/ui/plain-log.js';

describe('plain log', () => {
  it('writes notices, engine errors and session errors to stderr, each its own way', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = createPlainLog({ write: (l) => out.push(l), writeError: (l) => err.push(l) });
    log({ type: 'notice', message: 'Dropped 1.2 s of microphone audio captured while disconnected.' });
    log({ type: 'engine.error', message: 'The audio output kept failing.', final: true, exitCode: 69 });
    log({ type: 'error', error: { code: 'invalid_value', message: 'Invalid value', fatal: false } });
    expect(out).toEqual([]);
    expect(err).toEqual([
      'Dropped 1.2 s of microphone audio captured while disconnected.',
      'error (audio): The audio output kept failing.',
      'error (invalid_value): Invalid value',
    ]);
  });
});
