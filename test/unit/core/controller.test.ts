import { describe, expect, it } from 'vitest';
import { Controller } from '../../../src/core/controller.js';
import type { ControllerEvent } from '../../../src/core/controller-events.js';
import { silentLogger } from '../../../src/core/log.js';
import { controllerTools } from '../../support/builtin-tools.js';
import type { VadMode } from '../../../src/core/session.js';
import { AudioDeviceError } from '../../../src/core/errors.js';
import { runEndingError } from '../../../src/core/run-ending.js';
import { FakeEngine, FakeSession } from '../../support/fakes.js';

async function setup(vad: VadMode = 'server') {
  const session = new FakeSession();
  const engine = new FakeEngine();
  let clock = 0;
  const controller = new Controller({
    session,
    engine,
    tools: controllerTools(),
    vad,
    log: silentLogger,
    now: () => clock,
  });
  const events: ControllerEvent[] = [];
  controller.subscribe((e) => events.push(e));
  await controller.start();
  return { session, engine, controller, events, tick: (ms: number) => (clock += ms) };
}
const audio = (responseId: string, ms = 100) => ({
  type: 'response.audio' as const,
  responseId,
  pcm: new Int16Array(24 * ms),
});

describe('controller', () => {
  it('reports engine failures as engine errors; only a final one ends the run, with its exit code', async () => {
    const { engine, events } = await setup();
    engine.fail(new AudioDeviceError('player restarted'), false);
    engine.fail(new AudioDeviceError('output gave up'), true);
    const engineErrors = events.filter((e) => e.type === 'engine.error');
    expect(engineErrors).toEqual([
      { type: 'engine.error', message: 'player restarted', final: false, exitCode: 69 },
      { type: 'engine.error', message: 'output gave up', final: true, exitCode: 69 },
    ]);
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(runEndingError(engineErrors[0]!)).toBeUndefined();
    expect(runEndingError(engineErrors[1]!)).toMatchObject({ message: 'output gave up', exitCode: 69 });
  });

  it('plays reply audio and streams mic frames to the session', async () => {
    const { session, engine } = await setup();
    session.emit({ type: 'response.started', responseId: 'r1' });
    session.emit(audio('r1'));
    expect(engine.played).toEqual([{ responseId: 'r1', samples: 2400 }]);
    engine.mic(new Int16Array(480));
    expect(session.calls.filter((c) => c.method === 'sendAudio')).toHaveLength(1);
  });

  it('barge-in: flushes in the same tick, truncates to the played position, drops late audio', async () => {
    const { session, engine, events } = await setup();
    session.emit({ type: 'response.started', responseId: 'r1' });
    session.emit(audio('r1', 1000));
    engine.position.set('r1', 420);
    session.emit({ type: 'input.speech_started', itemId: 'u2' });
    expect(engine.flushes).toBe(1);
    expect(session.calls.find((c) => c.method === 'truncate')?.args).toEqual(['r1', 420]);
    // server VAD cancels by itself: no explicit cancel
    expect(session.methods()).not.toContain('cancelResponse');
    session.emit(audio('r1'));
    expect(engine.played.filter((p) => p.responseId === 'r1')).toHaveLength(1);
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'interrupted', responseId: 'r1', heardMs: 420, receivedMs: 1000 }),
    );
    session.emit({ type: 'response.started', responseId: 'r2' });
    session.emit(audio('r2'));
    expect(engine.played.filter((p) => p.responseId === 'r2')).toHaveLength(1);
  });

  it('speech with nothing playing does not flush or truncate', async () => {
    const { session, engine } = await setup();
    session.emit({ type: 'input.speech_started', itemId: 'u1' });
    expect(engine.flushes).toBe(0);
    expect(session.methods()).not.toContain('truncate');
  });

  it('typed text interrupts a playing reply with an explicit cancel, then sends the text', async () => {
    const { session, engine, controller, events } = await setup();
    session.emit({ type: 'response.started', responseId: 'r1' });
    session.emit(audio('r1', 500));
    engine.position.set('r1', 100);
    controller.sendText('  stop, tell me the time  ');
    expect(engine.flushes).toBe(1);
    expect(session.methods()).toEqual(['connect', 'truncate', 'cancelResponse', 'sendText']);
    expect(session.calls.at(-1)?.args).toEqual(['stop, tell me the time']);
    expect(events).toContainEqual({ type: 'user.text', text: 'stop, tell me the time' });
  });

  it('Gemini-style interrupted event flushes and drops the rest of the turn', async () => {
    const { session, engine } = await setup();
    session.emit({ type: 'response.started', responseId: 'g1' });
    session.emit(audio('g1', 300));
    session.emit({ type: 'response.interrupted', responseId: 'g1' });
    expect(engine.flushes).toBe(1);
    session.emit(audio('g1'));
    expect(engine.played).toHaveLength(1);
  });

  it('runs a tool call and returns its output', async () => {
    const { session, events } = await setup();
    session.emit({ type: 'tool.call', responseId: 'r1', callId: 'c1', name: 'get_current_time', arguments: '{}' });
    await new Promise((resolve) => setImmediate(resolve));
    const sent = session.calls.find((c) => c.method === 'sendToolResult');
    expect(sent?.args[0]).toBe('c1');
    expect(JSON.parse(sent?.args[1] as string)).toHaveProperty('iso');
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'tool.finished',
        outcome: 'ok',
        call: expect.objectContaining({ toolName: 'get_current_time' }),
      }),
    );
  });

  it('an unknown tool gets an error output, not a crash', async () => {
    const { session } = await setup();
    session.emit({
      type: 'tool.call',
      responseId: 'r1',
      callId: 'c9',
      name: 'remember_name',
      arguments: '{"name":"x"}',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(session.calls.find((c) => c.method === 'sendToolResult')?.args[1]).toContain('unknown tool');
  });

  it('mute stops mic frames; push-to-talk sends only while recording and commits on release', async () => {
    const { session, engine, controller } = await setup('manual');
    engine.mic(new Int16Array(480));
    expect(session.calls.filter((c) => c.method === 'sendAudio')).toHaveLength(0);
    controller.togglePushToTalk();
    engine.mic(new Int16Array(480));
    controller.togglePushToTalk();
    expect(session.methods()).toEqual(['connect', 'startInput', 'commitInput']);
    expect(session.calls.filter((c) => c.method === 'sendAudio')).toHaveLength(1);
    controller.toggleMute();
    controller.togglePushToTalk();
    engine.mic(new Int16Array(480));
    expect(session.calls.filter((c) => c.method === 'sendAudio')).toHaveLength(1);
    expect(engine.muted).toBe(true);
  });

  it('measures latency from end of speech to first played sample', async () => {
    const { session, engine, events, tick } = await setup();
    session.emit({ type: 'input.speech_stopped', itemId: 'u1' });
    tick(300);
    session.emit({ type: 'response.started', responseId: 'r1' });
    session.emit(audio('r1'));
    tick(90);
    engine.startPlaying('r1');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'latency', turn: { firstAudioMs: 300, firstPlayedMs: 390 } }),
    );
  });

  it('without speech events (Gemini), latency runs from the last voiced mic frame', async () => {
    const { session, engine, events, tick } = await setup();
    engine.level(-20);
    tick(100);
    engine.level(-20);
    tick(300);
    engine.level(-70);
    session.emit({ type: 'response.started', responseId: 'g1' });
    session.emit(audio('g1'));
    tick(50);
    engine.startPlaying('g1');
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'latency', turn: { firstAudioMs: 300, firstPlayedMs: 350 } }),
    );
  });
});
