import { describe, expect, it } from 'vitest';
import type { ControllerEvent } from '../../../src/core/controller-events.js';
import type { ToolCallInfo } from '../../../src/core/tool-calls.js';
import { intentFor, KEYMAP } from '../../../src/ui/keymap.js';
import { initialState, reduce, type ConversationState } from '../../../src/ui/state/conversation.js';
import { toolEventLine } from '../../../src/ui/tool-lines.js';

const info = { provider: 'OpenAI', model: 'gpt-realtime', vad: 'server' as const };
const run = (events: ControllerEvent[]): ConversationState =>
  events.reduce((s, event, i) => reduce(s, { type: 'event', event, atMs: 1000 + i }), initialState(info, 0));
const call = (callId: string): ToolCallInfo => ({
  callId,
  modelName: 'write_file',
  source: 'fs',
  toolName: 'write_file',
  arguments: '{"path":"/tmp/x","content":"hi"}',
});
const noKey = { ctrl: false, meta: false, return: false, escape: false, backspace: false, delete: false };

describe('tool confirmation in the TUI state', () => {
  it('shows pending calls oldest first until each is decided; the call then becomes a transcript line', () => {
    const asked = run([
      { type: 'tool.confirm', call: call('c1'), deadlineMs: 61_000 },
      { type: 'tool.confirm', call: call('c2'), deadlineMs: 62_000 },
    ]);
    expect(asked.tools.confirmations.map((c) => [c.callId, c.tool, c.server])).toEqual([
      ['c1', 'write_file', 'fs'],
      ['c2', 'write_file', 'fs'],
    ]);
    const decided = run([
      { type: 'tool.confirm', call: call('c1'), deadlineMs: 61_000 },
      { type: 'tool.decided', call: call('c1'), decision: 'run', reason: 'user' },
      { type: 'tool.slow', call: call('c1') },
    ]);
    expect(decided.tools.confirmations).toEqual([]);
    expect(decided.tools.slow.map((c) => c.label)).toEqual(['fs/write_file']);
    const done = reduce(decided, {
      type: 'event',
      atMs: 5000,
      event: {
        type: 'tool.finished',
        call: call('c1'),
        outcome: 'ok',
        output: 'written',
        durationMs: 3000,
        sentToModel: true,
      },
    });
    expect(done.tools.slow).toEqual([]);
    expect([...done.settled, ...done.transcript].at(-1)).toMatchObject({
      role: 'tool',
      text: 'fs/write_file({"path":"/tmp/x","content":"hi"}) → written',
    });
  });

  it('y, a and n are keys only while a confirmation is pending (the keymap is the one place)', () => {
    expect(intentFor('y', noKey, false)).toBeUndefined();
    expect(intentFor('a', noKey, false)).toBeUndefined();
    expect(intentFor('n', noKey, false)).toBeUndefined();
    expect([intentFor('y', noKey, true), intentFor('a', noKey, true), intentFor('n', noKey, true)]).toEqual([
      'tool-yes',
      'tool-always',
      'tool-no',
    ]);
    // the other keys keep working during a confirmation (audio and barge-in go on)
    expect(intentFor('s', noKey, true)).toBe('interrupt');
    const keys = KEYMAP.flatMap((b) => b.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('plain lines: a headless refusal names the flag that would allow it', () => {
    expect(toolEventLine({ type: 'tool.decided', call: call('c1'), decision: 'refuse', reason: 'headless' })).toEqual({
      stream: 'err',
      text: 'refused fs/write_file: not allowed (use --allow-tool fs/write_file)',
    });
    expect(
      toolEventLine({
        type: 'tool.finished',
        call: call('c1'),
        outcome: 'ok',
        output: 'x'.repeat(500),
        durationMs: 1,
        sentToModel: true,
      })?.text.length,
    ).toBeLessThan(300);
  });
});
