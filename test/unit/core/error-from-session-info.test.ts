import { describe, expect, it } from 'vitest';
import { errorFromSessionInfo, ExitCode } from '../../../src/core/errors.js';

describe('errorFromSessionInfo', () => {
  it.each([
    [{ message: 'm', exitCode: ExitCode.config, hint: 'do this' }, ExitCode.config],
    [{ message: 'm', retryable: true, hint: 'do this' }, ExitCode.temporary],
    [{ message: 'm', code: '1007', hint: 'do this' }, ExitCode.unexpected],
  ])('keeps the hint of a fatal session error (%o)', (info, exit) => {
    const error = errorFromSessionInfo(info);
    expect(error.exitCode).toBe(exit);
    expect(error.hint).toBe('do this');
  });

  it('no hint stays no hint', () => {
    expect(errorFromSessionInfo({ message: 'm' }).hint).toBeUndefined();
  });
});
