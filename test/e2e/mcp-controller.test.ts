import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Controller } from '../../src/core/controller.js';
import type { ControllerEvent } from '../../src/core/controller-events.js';
import { silentLogger } from '../../src/core/log.js';
import { McpManager } from '../../src/tools/mcp/manager.js';
import { controllerTools } from '../support/builtin-tools.js';
import { FakeEngine, FakeSession } from '../support/fakes.js';
import { everything, fault, taggedProcesses, waitUntil } from '../support/mcp-servers.js';

/**
 * The controller with real MCP servers behind its ToolBox: the approval paths a TUI user takes
 * (always-allow, no answer in time), interrupts, and a server that dies mid-call.
 */
let manager: McpManager | undefined;
let controller: Controller | undefined;
afterEach(async () => {
  await controller?.stop();
  await manager?.close();
  controller = undefined;
  manager = undefined;
  expect(await waitUntil(() => taggedProcesses().length === 0, 3000)).toBe(true);
});
afterAll(() => expect(taggedProcesses()).toEqual([]));

async function setup(options: { timeoutMs?: number } = {}) {
  manager = await McpManager.start([fault('fault'), everything()]);
  const session = new FakeSession();
  const tools = controllerTools({ mode: 'interactive', extra: manager.providers(), ...options });
  controller = new Controller({ session, engine: new FakeEngine(), tools, vad: 'server', log: silentLogger });
  const events: ControllerEvent[] = [];
  controller.subscribe((e) => events.push(e));
  await controller.start();
  const results = () => session.calls.filter((c) => c.method === 'sendToolResult').map((c) => c.args);
  const call = (callId: string, name: string, args: unknown) =>
    session.emit({ type: 'tool.call', responseId: `r-${callId}`, callId, name, arguments: JSON.stringify(args) });
  return { session, controller, events, results, call };
}

const finished = (events: ControllerEvent[], callId: string) =>
  events.find((e) => e.type === 'tool.finished' && e.call.callId === callId);

describe('tool calls through the controller, real MCP servers', () => {
  it('asks for a tool that is not read-only; "a" runs it and the next call of the same tool runs unasked', async () => {
    const { controller, events, results, call } = await setup();
    call('c1', 'slow', { ms: 10 });
    expect(events.find((e) => e.type === 'tool.confirm')).toMatchObject({
      call: { source: 'fault', toolName: 'slow' },
    });
    expect(results()).toEqual([]);
    controller.answerTool('a');
    expect(await waitUntil(() => results().length === 1, 5000)).toBe(true);
    call('c2', 'slow', { ms: 10 });
    expect(await waitUntil(() => results().length === 2, 5000)).toBe(true);
    expect(events.filter((e) => e.type === 'tool.confirm')).toHaveLength(1);
    expect(events.find((e) => e.type === 'tool.decided' && e.call.callId === 'c2')).toMatchObject({ reason: 'always' });
    // read-only tools (echo) never ask
    call('c3', 'echo', { message: 'hi' });
    expect(await waitUntil(() => results().length === 3, 5000)).toBe(true);
    expect(String(results()[2]?.[1])).toContain('Echo: hi');
  });

  it('"n" refuses: the model is told and the tool never runs', async () => {
    const { controller, results, call, events } = await setup();
    call('c1', 'slow', { ms: 10 });
    controller.answerTool('n');
    expect(results()).toHaveLength(1);
    expect(JSON.parse(String(results()[0]?.[1]))).toMatchObject({ status: 'refused' });
    expect(finished(events, 'c1')).toMatchObject({ outcome: 'refused' });
  });

  it('a confirmation nobody answers is refused at the deadline (injected 300 ms for the 60 s)', async () => {
    const { results, call, events } = await setup({ timeoutMs: 300 });
    call('c1', 'slow', { ms: 10 });
    expect(await waitUntil(() => results().length === 1, 3000)).toBe(true);
    expect(events.find((e) => e.type === 'tool.decided')).toMatchObject({ decision: 'refuse', reason: 'timeout' });
    expect(String(results()[0]?.[1])).toContain('nobody confirmed it in time');
  });

  it('speech cancels a running call (MCP cancellation); the result goes back without asking for a reply', async () => {
    const { controller, results, call, session, events } = await setup();
    call('c1', 'slow', { ms: 20_000 });
    controller.answerTool('y');
    expect(await waitUntil(() => events.some((e) => e.type === 'tool.decided'), 2000)).toBe(true);
    await new Promise((r) => setTimeout(r, 200));
    session.emit({ type: 'input.speech_started', itemId: 'u1' });
    expect(await waitUntil(() => results().length === 1, 5000)).toBe(true);
    expect(JSON.parse(String(results()[0]?.[1]))).toMatchObject({ status: 'cancelled' });
    expect(results()[0]?.[2]).toEqual({ respond: false });
    expect(finished(events, 'c1')).toMatchObject({ outcome: 'cancelled', sentToModel: true });
  });

  it('a pending confirmation survives barge-in; the provider withdrawing the call removes it silently', async () => {
    const { results, call, session, events, controller } = await setup();
    call('c1', 'slow', { ms: 10 });
    session.emit({ type: 'input.speech_started', itemId: 'u1' });
    controller.answerTool('y');
    expect(await waitUntil(() => results().length === 1, 5000)).toBe(true);
    call('c2', 'slow', { ms: 10 });
    session.emit({ type: 'tool.cancelled', callIds: ['c2'] });
    expect(finished(events, 'c2')).toMatchObject({ outcome: 'cancelled', sentToModel: false });
    expect(results()).toHaveLength(1);
  });

  it('a server that crashes mid-call: the call ends with an error the model reads; nothing is left running', async () => {
    const { controller, results, call } = await setup();
    call('c1', 'crash', {});
    controller.answerTool('y');
    expect(await waitUntil(() => results().length === 1, 10_000)).toBe(true);
    expect(String(results()[0]?.[1])).toContain('error');
  });
});
