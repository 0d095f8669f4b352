import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { builtinToolProvider } from '../../../src/core/builtin-tool-provider.js';
import { APPROVAL_TIMEOUT_MS, type ApprovalConfig } from '../../../src/core/tool-approval.js';
import { ToolBox, type ToolCallOutcome, type ToolProvider } from '../../../src/core/tool-box.js';
import { ToolCalls, type ToolCallEvent } from '../../../src/core/tool-calls.js';

/** A test provider: `write` waits `ms` (or until aborted), `look` is read-only. */
function testProvider(): ToolProvider & { aborted: string[] } {
  const aborted: string[] = [];
  return {
    id: 'files',
    aborted,
    tools: () => [
      { name: 'write', description: 'w', parameters: { type: 'object' }, readOnly: false },
      { name: 'look', description: 'l', parameters: { type: 'object' }, readOnly: true },
    ],
    call: (name, args, signal) =>
      new Promise<ToolCallOutcome>((resolve) => {
        const ms = typeof args['ms'] === 'number' ? args['ms'] : 0;
        const timer = setTimeout(() => resolve({ kind: 'ok', output: `${name} done` }), ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          aborted.push(name);
          resolve({ kind: 'cancelled', output: '{"status":"cancelled"}' });
        });
      }),
  };
}

let events: ToolCallEvent[];
let sent: [string, string][];
let provider: ReturnType<typeof testProvider>;

function setup(approval: Partial<ApprovalConfig> = {}): ToolCalls {
  provider = testProvider();
  return new ToolCalls({
    box: new ToolBox([builtinToolProvider(), provider]),
    approval: { mode: 'interactive', allowTools: [], timeoutMs: APPROVAL_TIMEOUT_MS, ...approval },
    sendResult: (callId, output) => sent.push([callId, output]),
    emit: (event) => events.push(event),
  });
}

beforeEach(() => {
  vi.useFakeTimers();
  events = [];
  sent = [];
});
afterEach(() => vi.useRealTimers());

const types = (): string[] =>
  events.map((e) => (e.type === 'tool.decided' ? `${e.type}:${e.decision}:${e.reason}` : e.type));

describe('ToolCalls', () => {
  it('read-only tools and the clock run at once', async () => {
    const calls = setup();
    calls.onCall('c1', 'look', '{}');
    calls.onCall('c2', 'get_current_time', '');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent.map(([id]) => id).sort()).toEqual(['c1', 'c2']);
    expect(types()).toEqual([
      'tool.decided:run:read-only',
      'tool.decided:run:read-only',
      'tool.finished',
      'tool.finished',
    ]);
  });

  it('asks for other tools: n sends a refusal the model can speak about, y runs', async () => {
    const calls = setup();
    calls.onCall('c1', 'write', '{"path":"a"}');
    expect(events[0]).toMatchObject({
      type: 'tool.confirm',
      call: { source: 'files', toolName: 'write', arguments: '{"path":"a"}' },
    });
    expect(sent).toEqual([]);
    calls.answer('n');
    expect(sent).toEqual([['c1', expect.stringContaining('The user did not allow this call (they answered no)')]]);
    calls.onCall('c2', 'write', '{}');
    calls.answer('y');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent[1]).toEqual(['c2', 'write done']);
    expect(calls.pending()).toEqual([]);
  });

  it('an unanswered confirmation is refused after 60 s', async () => {
    const calls = setup();
    calls.onCall('c1', 'write', '{}');
    await vi.advanceTimersByTimeAsync(APPROVAL_TIMEOUT_MS - 1);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([['c1', expect.stringContaining('nobody confirmed it in time')]]);
    expect(types()).toContain('tool.decided:refuse:timeout');
  });

  it('headless: unlisted calls are refused, listed ones run', async () => {
    const calls = setup({ mode: 'headless', allowTools: ['files/look', 'files/write'] });
    calls.onCall('c1', 'write', '{}');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([['c1', 'write done']]);
    const strict = setup({ mode: 'headless' });
    strict.onCall('c2', 'write', '{}');
    expect(types()).toContain('tool.decided:refuse:headless');
  });

  it('a long call shows a spinner after 1.5 s; a user interrupt cancels it and the model hears so', async () => {
    const calls = setup();
    calls.onCall('c1', 'look', '{"ms":10000}');
    await vi.advanceTimersByTimeAsync(1499);
    expect(types()).not.toContain('tool.slow');
    await vi.advanceTimersByTimeAsync(1);
    expect(types()).toContain('tool.slow');
    calls.interruptRunning();
    await vi.advanceTimersByTimeAsync(0);
    expect(provider.aborted).toEqual(['look']);
    expect(sent).toEqual([['c1', expect.stringContaining('cancelled')]]);
    expect(events.at(-1)).toMatchObject({ type: 'tool.finished', outcome: 'cancelled', sentToModel: true });
  });

  it('a provider cancellation aborts the call and sends nothing; a pending confirmation is withdrawn', async () => {
    const calls = setup();
    calls.onCall('c1', 'look', '{"ms":10000}');
    calls.onCall('c2', 'write', '{}');
    calls.cancelByProvider(['c1', 'c2']);
    await vi.advanceTimersByTimeAsync(0);
    expect(provider.aborted).toEqual(['look']);
    expect(sent).toEqual([]);
    expect(calls.pending()).toEqual([]);
    expect(
      events.filter((e) => e.type === 'tool.finished').map((e) => e.type === 'tool.finished' && e.sentToModel),
    ).toEqual([false, false]);
    calls.answer('y', 'c2');
    await vi.advanceTimersByTimeAsync(APPROVAL_TIMEOUT_MS);
    expect(sent).toEqual([]);
  });

  it('an unknown tool gets an error output without asking', async () => {
    const calls = setup();
    calls.onCall('c1', 'nope', '{}');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([['c1', '{"error":"unknown tool \\"nope\\""}']]);
  });
});
