import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../../src/core/errors.js';
import { geminiCloseError } from '../../../../src/providers/gemini/close-reasons.js';
import { forcedResumeDelayMs, resumeDecision } from '../../../../src/providers/gemini/resume-policy.js';

describe('Gemini close reasons (protocol notes §10)', () => {
  it.each([
    [1007, 'Request contains an invalid argument.', ExitCode.config, 'invalid setup field'],
    [1007, 'Cannot extract voices from a non-audio request.', ExitCode.config, 'only answers with audio'],
    [1007, 'Invalid resource field value in the request.', ExitCode.config, 'resource path'],
    [1007, 'User location is not supported for the API use.', ExitCode.config, 'location'],
    [
      1008,
      'models/x is not found for API version v1beta, or is not supported for bidiGenerateContent.',
      ExitCode.config,
      'Model not found for this API version',
    ],
    [
      1008,
      'Publisher Model `projects/p/locations/l/publishers/google/models/x` was not found',
      ExitCode.config,
      'Model not found',
    ],
    [1008, 'Operation is not implemented, or supported, or enabled.', ExitCode.config, 'not supported by this model'],
    [1008, 'API key not valid. Please pass a valid API key.', ExitCode.auth, 'rejected the credentials'],
    [
      1008,
      'Connection aborted because the client failed to close the connection after receiving a GoAway signal',
      ExitCode.temporary,
      'time limit',
    ],
    [
      1011,
      'You exceeded your current quota, please check your plan and billing details.',
      ExitCode.temporary,
      'quota is exhausted',
    ],
    [1011, 'Deadline expired before operation could complete.', ExitCode.temporary, 'time limit'],
    [1011, 'Internal error occurred.', ExitCode.temporary, 'internal error'],
    [
      1011,
      '[ORIGINAL ERROR] Internal error encountered.',
      ExitCode.temporary,
      'close 1011): Internal error encountered.',
    ],
  ])('%i %s -> exit %i', (code, reason, exit, text) => {
    const error = geminiCloseError(code, reason, 'Check GEMINI_API_KEY.');
    expect(error?.exitCode).toBe(exit);
    expect(error?.message).toContain(text);
  });

  it('a normal close is no error', () => {
    expect(geminiCloseError(1000, '', 'hint')).toBeUndefined();
  });
});

describe('resume policy', () => {
  const base = { goAwayPending: true, responding: false, awaitingReply: false, handle: 'h' };
  it.each([
    [base, 'now'],
    [{ ...base, responding: true }, 'wait'],
    [{ ...base, awaitingReply: true }, 'wait'],
    [{ ...base, handle: undefined }, 'impossible'],
    [{ ...base, goAwayPending: false }, 'wait'],
  ] as const)('%j -> %s', (conditions, decision) => {
    expect(resumeDecision(conditions)).toBe(decision);
  });

  it('switches at the latest 5 s before the deadline', () => {
    expect(forcedResumeDelayMs(50_000)).toBe(45_000);
    expect(forcedResumeDelayMs(undefined)).toBe(45_000);
    expect(forcedResumeDelayMs(2000)).toBe(0);
  });
});

describe('close reasons by phase (issue #16 item 6)', () => {
  const reason = 'Request contains an invalid argument.';

  it.each([
    [
      'setup',
      /^The provider rejected the session setup: .*\(close 1007\): Request contains an invalid argument\.$/,
      /--model/,
      ExitCode.config,
    ],
    [
      'conversation',
      /^The provider rejected a request during the conversation \(close 1007\): Request contains an invalid argument\.$/,
      /setup had been accepted/,
      ExitCode.unexpected,
    ],
  ] as const)('1007 during %s is worded for that phase, with one final period', (phase, message, hint, exit) => {
    const error = geminiCloseError(1007, reason, 'Check GEMINI_API_KEY.', phase);
    expect(error?.message).toMatch(message);
    expect(error?.message.endsWith('..')).toBe(false);
    expect(error?.hint).toMatch(hint);
    expect(error?.exitCode).toBe(exit);
  });

  it('a mid-conversation 1007 never blames the setup, --model or --voice', () => {
    const error = geminiCloseError(1007, reason, 'hint', 'conversation');
    expect(error?.message).not.toMatch(/setup field|session setup/);
    expect(error?.hint).not.toMatch(/Check --model/);
  });

  it.each([
    [1011, 'Internal error encountered.'],
    [1011, 'Internal error encountered'],
    [1008, 'Operation is not implemented, or supported, or enabled.'],
    [1001, 'Going away!'],
    [4000, 'Session ended?'],
  ])('close %i keeps the provider words intact and ends with exactly one mark: %s', (code, text) => {
    for (const phase of ['setup', 'conversation'] as const) {
      const message = geminiCloseError(code, text, 'hint', phase)?.message ?? '';
      expect(message).toContain(text.replace(/[.!?]$/, ''));
      expect(message).toMatch(/[^.!?][.!?]$/);
    }
  });

  it('a long reason is not cut', () => {
    const long = `Request contains an invalid argument: ${'x'.repeat(100)} end.`;
    expect(geminiCloseError(1007, long, 'hint', 'conversation')?.message).toContain(' end.');
  });
});
