import type { ChalkInstance } from 'chalk';
import { assertNever } from '../core/assert-never.js';
import { AuthError, ConfigError, ExitCode, TemporaryError, UsageError, type ExitCodeValue } from '../core/errors.js';
import { formatTable } from './format-table.js';

export type CheckStatus = 'ok' | 'fail' | 'skip';

/** One line of the doctor's table; every failure carries a fix and the exit code it stands for. */
export interface DoctorCheck {
  /** What is checked, e.g. "node", "audio input", "profile work: endpoint". */
  name: string;
  status: CheckStatus;
  detail: string;
  fix?: string | undefined;
  exitCode?: ExitCodeValue | undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? 'unknown error');
}

export const MIN_NODE = [20, 11] as const;

/** Node version check. Pure. */
export function checkNodeVersion(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'node', status: 'ok', detail: `Node.js ${version}` }
    : {
        name: 'node',
        status: 'fail',
        detail: `Node.js ${version} is too old`,
        fix: `Install Node.js ${MIN_NODE.join('.')} or newer.`,
        exitCode: ExitCode.config,
      };
}

/** The result of an endpoint handshake, from the error (if any) and whether the upgrade went through. Pure. */
export function classifyEndpoint(
  name: string,
  host: string,
  handshakeMs: number | undefined,
  error: unknown,
  keyHint: string,
): DoctorCheck {
  if (error instanceof AuthError) {
    return {
      name,
      status: 'fail',
      detail: `auth rejected by ${host}: ${error.message}`,
      fix: keyHint,
      exitCode: ExitCode.auth,
    };
  }
  if (handshakeMs !== undefined) {
    const note = error === undefined ? '' : `; session setup then failed: ${messageOf(error)}`;
    return { name, status: 'ok', detail: `${host} handshake ok (${Math.round(handshakeMs)} ms)${note}` };
  }
  if (error instanceof TemporaryError) {
    return {
      name,
      status: 'fail',
      detail: `unreachable: ${error.message}`,
      fix: 'Check the endpoint URL, your network or proxy, or raise --timeout.',
      exitCode: ExitCode.temporary,
    };
  }
  if (error instanceof ConfigError || error instanceof UsageError) {
    return {
      name,
      status: 'fail',
      detail: `refused: ${error.message}`,
      fix: error.hint ?? 'Check the endpoint, model and deployment of this profile.',
      exitCode: error.exitCode,
    };
  }
  return {
    name,
    status: 'fail',
    detail: `failed: ${messageOf(error)}`,
    fix: 'Run with --debug for details.',
    exitCode: ExitCode.unexpected,
  };
}

/** The exit code of a doctor run: 0 when nothing failed, else the first failure's code. Pure. */
export function doctorExitCode(checks: readonly DoctorCheck[]): ExitCodeValue {
  const failed = checks.find((c) => c.status === 'fail');
  return failed === undefined ? ExitCode.ok : (failed.exitCode ?? ExitCode.unexpected);
}

function mark(status: CheckStatus, style: ChalkInstance): string {
  switch (status) {
    case 'ok':
      return style.green('✔');
    case 'fail':
      return style.red('✘');
    case 'skip':
      return style.dim('-');
    default:
      return assertNever(status, 'check status');
  }
}

/** The ✔/✘ table, with the fix under each failure and a summary line. Pure. */
export function formatDoctor(checks: readonly DoctorCheck[], style: ChalkInstance): string {
  const rows: string[][] = [];
  for (const check of checks) {
    rows.push([mark(check.status, style), check.name, check.detail]);
    if (check.status === 'fail' && check.fix !== undefined) rows.push(['', '', style.yellow(`fix: ${check.fix}`)]);
  }
  const failed = checks.filter((c) => c.status === 'fail').length;
  const summary =
    failed === 0 ? style.green('All checks passed.') : style.red(`${failed} check${failed === 1 ? '' : 's'} failed.`);
  return `${formatTable(rows)}\n${summary}`;
}
