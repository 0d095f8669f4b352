import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src/core/events.js';
import { AnswerRule } from '../../../src/modes/answer-rule.js';

const done = (responseId: string, status: 'completed' | 'cancelled' | 'incomplete' | 'failed' = 'completed') =>
  ({ type: 'response.done', responseId, status }) as const satisfies SessionEvent;
const toolCall = (responseId: string) =>
  ({ type: 'tool.call', responseId, callId: 'c', name: 'get_time', arguments: '{}' }) as const satisfies SessionEvent;

describe('AnswerRule: when a reply counts as the answer', () => {
  it('a completed reply without tools is the answer', () => {
    expect(new AnswerRule().observe(done('r1'))).toEqual({ kind: 'answer', responseId: 'r1' });
  });

  it('a reply that called a tool is a step; the reply after the tool output is the answer', () => {
    const rule = new AnswerRule();
    expect(rule.observe(toolCall('r1'))).toBeUndefined();
    expect(rule.observe(done('r1'))).toEqual({ kind: 'tool-step', responseId: 'r1' });
    expect(rule.observe(done('r2'))).toEqual({ kind: 'answer', responseId: 'r2' });
  });

  it('tool calls are tied to their response, not to whichever finishes next', () => {
    const rule = new AnswerRule();
    rule.observe(toolCall('r2'));
    expect(rule.observe(done('r1'))).toEqual({ kind: 'answer', responseId: 'r1' });
    expect(rule.observe(done('r2'))).toEqual({ kind: 'tool-step', responseId: 'r2' });
  });

  it('a reply cut short is never the answer, with or without tools', () => {
    const rule = new AnswerRule();
    expect(rule.observe({ ...done('r1', 'incomplete'), reason: 'max_output_tokens' })).toEqual({
      kind: 'unfinished',
      responseId: 'r1',
      status: 'incomplete',
      reason: 'max_output_tokens',
    });
    rule.observe(toolCall('r2'));
    expect(rule.observe(done('r2', 'cancelled'))).toMatchObject({ kind: 'unfinished', status: 'cancelled' });
  });
});
