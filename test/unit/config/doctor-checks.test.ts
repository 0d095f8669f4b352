import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import {
  checkNodeVersion,
  classifyEndpoint,
  doctorExitCode,
  formatDoctor,
  type DoctorCheck,
} from '../../../src/commands/doctor-checks.js';
import { formatTable } from '../../../src/commands/format-table.js';
import { AuthError, ConfigError, TemporaryError, UsageError } from '../../../src/core/errors.js';

const plain = new Chalk({ level: 0 });

describe('classifyEndpoint tells auth rejected, unreachable and ok apart', () => {
  it.each([
    ['ok', 12.3, undefined, 'ok', 'handshake ok (12 ms)', undefined],
    [
      'auth rejected',
      undefined,
      new AuthError('h rejected the credentials (HTTP 401).'),
      'fail',
      'auth rejected by h',
      77,
    ],
    ['auth rejected after upgrade', 5, new AuthError('closed 1008'), 'fail', 'auth rejected', 77],
    [
      'unreachable',
      undefined,
      new TemporaryError('Cannot reach h: connection refused.'),
      'fail',
      'unreachable: Cannot reach h',
      75,
    ],
    ['timeout', undefined, new TemporaryError('Timed out after 5 s'), 'fail', 'unreachable: Timed out', 75],
    ['404', undefined, new ConfigError('h refused the connection (HTTP 404).'), 'fail', 'refused: h refused', 78],
    ['not built', undefined, new UsageError('Gemini Live is not available yet.'), 'fail', 'refused: Gemini', 64],
    [
      'setup failed after handshake',
      8,
      new TemporaryError('no session.created'),
      'ok',
      'session setup then failed',
      undefined,
    ],
    ['other', undefined, new Error('boom'), 'fail', 'failed: boom', 1],
  ])('%s', (_name, handshakeMs, error, status, words, exitCode) => {
    const check = classifyEndpoint('profile w: endpoint', 'h', handshakeMs, error, 'check the key');
    expect(check.status).toBe(status);
    expect(check.detail).toContain(words);
    expect(check.exitCode).toBe(exitCode);
    if (status === 'fail') expect(check.fix).toBeTruthy();
  });
});

describe('doctor output', () => {
  const checks: DoctorCheck[] = [
    { name: 'node', status: 'ok', detail: 'Node.js v20.20.2' },
    { name: 'audio', status: 'skip', detail: 'skipped' },
    { name: 'profile w: key', status: 'fail', detail: 'no key', fix: 'export X=…', exitCode: 78 },
    { name: 'profile w: endpoint', status: 'fail', detail: 'unreachable', fix: 'check the URL', exitCode: 75 },
  ];

  it('prints ✔/✘ with a fix under every ✘', () => {
    const text = formatDoctor(checks, plain);
    expect(text.split('\n')).toEqual([
      '✔  node                 Node.js v20.20.2',
      '-  audio                skipped',
      '✘  profile w: key       no key',
      '                        fix: export X=…',
      '✘  profile w: endpoint  unreachable',
      '                        fix: check the URL',
      '2 checks failed.',
    ]);
  });

  it('exits with the first failure, 0 when all pass', () => {
    expect(doctorExitCode(checks)).toBe(78);
    expect(doctorExitCode(checks.slice(0, 2))).toBe(0);
    expect(formatDoctor(checks.slice(0, 1), plain)).toContain('All checks passed.');
  });

  it.each([
    ['v20.20.2', 'ok'],
    ['v20.11.0', 'ok'],
    ['v22.1.0', 'ok'],
    ['v20.10.9', 'fail'],
    ['v18.19.0', 'fail'],
  ])('node %s', (version, status) => {
    expect(checkNodeVersion(version).status).toBe(status);
  });
});

describe('formatTable', () => {
  it('aligns columns, ignores colour codes, leaves the last column unpadded', () => {
    expect(
      formatTable([
        ['a', 'bb', 'c'],
        ['\u001b[32mxxx\u001b[39m', 'y', 'zz'],
      ]),
    ).toBe('a    bb  c\n\u001b[32mxxx\u001b[39m  y   zz');
  });
});
