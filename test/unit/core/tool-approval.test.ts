import { describe, expect, it } from 'vitest';
import {
  answerApproval,
  APPROVAL_TIMEOUT_MS,
  expireApprovals,
  INITIAL_APPROVAL_STATE,
  nextDeadlineMs,
  requestApproval,
  withdrawApproval,
  type ApprovalConfig,
  type CallToApprove,
} from '../../../src/core/tool-approval.js';

const interactive: ApprovalConfig = { mode: 'interactive', allowTools: [], timeoutMs: APPROVAL_TIMEOUT_MS };
const headless: ApprovalConfig = { ...interactive, mode: 'headless' };
const call = (callId: string, over: Partial<CallToApprove> = {}): CallToApprove => ({
  callId,
  source: 'fs',
  toolName: 'write_file',
  modelName: 'write_file',
  readOnly: false,
  ...over,
});

describe('tool approval', () => {
  it.each([
    [
      'read-only hint runs without asking, even headless',
      headless,
      call('1', { readOnly: true }),
      { kind: 'run', reason: 'read-only' },
    ],
    [
      'server/tool on the allow list',
      { ...headless, allowTools: ['fs/write_file'] },
      call('1'),
      { kind: 'run', reason: 'allow-list' },
    ],
    [
      'server/* on the allow list',
      { ...headless, allowTools: ['fs/*'] },
      call('1'),
      { kind: 'run', reason: 'allow-list' },
    ],
    [
      'the model name (--allow-tool write_file)',
      { ...headless, allowTools: ['write_file'] },
      call('1'),
      { kind: 'run', reason: 'allow-list' },
    ],
    [
      "another server's tool of the same name is not allowed",
      { ...headless, allowTools: ['other/write_file'] },
      call('1'),
      { kind: 'refuse', reason: 'headless' },
    ],
    ['headless, unlisted: refused', headless, call('1'), { kind: 'refuse', reason: 'headless' }],
    [
      'interactive, unlisted: ask with a 60 s deadline',
      interactive,
      call('1'),
      { kind: 'ask', deadlineMs: 1000 + 60_000 },
    ],
  ] as const)('%s', (_name, config, input, verdict) => {
    expect(requestApproval(config, INITIAL_APPROVAL_STATE, input, 1000).verdict).toEqual(verdict);
  });

  it('y runs once, the next call asks again; n refuses', () => {
    let { state } = requestApproval(interactive, INITIAL_APPROVAL_STATE, call('1'), 0);
    const yes = answerApproval(state, '1', 'y');
    expect(yes.settled).toEqual([{ callId: '1', verdict: { kind: 'run', reason: 'user' } }]);
    state = yes.state;
    expect(state.pending).toEqual([]);
    const again = requestApproval(interactive, state, call('2'), 0);
    expect(again.verdict.kind).toBe('ask');
    expect(answerApproval(again.state, '2', 'n').settled).toEqual([
      { callId: '2', verdict: { kind: 'refuse', reason: 'user' } },
    ]);
  });

  it('a runs this call, every pending call of the same tool, and later ones; not other tools', () => {
    let state = INITIAL_APPROVAL_STATE;
    state = requestApproval(interactive, state, call('1'), 0).state;
    state = requestApproval(interactive, state, call('2', { toolName: 'move_file', modelName: 'move_file' }), 0).state;
    state = requestApproval(interactive, state, call('3'), 0).state;
    const always = answerApproval(state, '1', 'a');
    expect(always.settled).toEqual([
      { callId: '1', verdict: { kind: 'run', reason: 'user' } },
      { callId: '3', verdict: { kind: 'run', reason: 'always' } },
    ]);
    expect(always.state.pending.map((p) => p.call.callId)).toEqual(['2']);
    expect(requestApproval(interactive, always.state, call('4'), 0).verdict).toEqual({ kind: 'run', reason: 'always' });
    expect(requestApproval(interactive, always.state, call('5', { source: 'other' }), 0).verdict.kind).toBe('ask');
  });

  it('unanswered for 60 s: refused; not a moment earlier', () => {
    const { state } = requestApproval(interactive, INITIAL_APPROVAL_STATE, call('1'), 5_000);
    expect(nextDeadlineMs(state)).toBe(65_000);
    expect(expireApprovals(state, 64_999).settled).toEqual([]);
    const expired = expireApprovals(state, 65_000);
    expect(expired.settled).toEqual([{ callId: '1', verdict: { kind: 'refuse', reason: 'timeout' } }]);
    expect(expired.state.pending).toEqual([]);
    expect(nextDeadlineMs(expired.state)).toBeUndefined();
  });

  it('a call withdrawn (user interrupt, provider cancellation) is forgotten; a late answer settles nothing', () => {
    const { state } = requestApproval(interactive, INITIAL_APPROVAL_STATE, call('1'), 0);
    const withdrawn = withdrawApproval(state, '1');
    expect(withdrawn.pending).toEqual([]);
    expect(answerApproval(withdrawn, '1', 'y').settled).toEqual([]);
    expect(withdrawApproval(withdrawn, 'unknown')).toBe(withdrawn);
  });
});
