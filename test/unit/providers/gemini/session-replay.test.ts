import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../../src/core/events.js';
import { silentLogger } from '../../../../src/core/log.js';
import type { SessionOptions } from '../../../../src/core/session.js';
import { GeminiSession } from '../../../../src/providers/gemini/session.js';
import { connectWebSocket } from '../../../../src/providers/socket.js';
import { startReplayServer, type ReplayServer } from '../../../support/replay-server.js';
import { loadBidiTrace, type TraceLine } from '../../../support/traces.js';
import { GEMINI_BARGE_IN_TRACE, GEMINI_TOOL_TRACE } from './support/gemini-traces.js';

/** Contract tests of the session adapter over real sockets against the replay server (binary frames). */

let server: ReplayServer | undefined;
let session: GeminiSession | undefined;
afterEach(async () => {
  await session?.close();
  await server?.close();
  session = undefined;
  server = undefined;
});

const options: SessionOptions = {
  model: 'gemini-2.5-flash-native-audio-preview-09-2025',
  output: 'audio',
  vad: { mode: 'server' },
  tools: [],
};

function open(s: ReplayServer): {
  session: GeminiSession;
  events: SessionEvent[];
  next: (p: (e: SessionEvent) => boolean) => Promise<SessionEvent>;
} {
  const created = new GeminiSession(
    {
      provider: 'gemini',
      endpoint: { url: `${s.url}/ws/x`, headers: {} },
      model: `models/${options.model}`,
      options,
      connectTimeoutMs: 5000,
      credentialHint: 'Check GEMINI_API_KEY.',
    },
    { connect: connectWebSocket, log: silentLogger },
  );
  const events: SessionEvent[] = [];
  const waiters: { p: (e: SessionEvent) => boolean; resolve: (e: SessionEvent) => void }[] = [];
  created.subscribe((event) => {
    events.push(event);
    for (const w of [...waiters]) {
      if (w.p(event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(event);
      }
    }
  });
  const next = (p: (e: SessionEvent) => boolean): Promise<SessionEvent> =>
    new Promise((resolve, reject) => {
      waiters.push({ p, resolve });
      setTimeout(() => reject(new Error('event not seen in time')), 8000).unref();
    });
  return { session: created, events, next };
}

/** 100 ms of 16 kHz silence per chunk, as a microphone would send. */
const sendSpeech = (s: GeminiSession, ms: number): void => {
  for (let i = 0; i < ms / 100; i++) s.sendAudio(new Int16Array(1600));
};

describe('barge-in on the Gemini 2.5 trace', () => {
  it('emits response.interrupted, drops the rest of the turn, and carries on with the next reply', async () => {
    server = await startReplayServer({
      trace: loadBidiTrace(GEMINI_BARGE_IN_TRACE),
      dialect: 'gemini',
      binaryFrames: true,
    });
    const opened = open(server);
    session = opened.session;
    await session.connect();
    sendSpeech(session, 1200);
    await opened.next((e) => e.type === 'response.audio');
    // the user speaks over the reply
    sendSpeech(session, 1200);
    const done = await opened.next((e) => e.type === 'response.done' && e.responseId === 'gemini-response-2');
    expect(done).toMatchObject({ status: 'completed' });
    const { events } = opened;
    const interruptedAt = events.findIndex((e) => e.type === 'response.interrupted');
    expect(events[interruptedAt]).toEqual({ type: 'response.interrupted', responseId: 'gemini-response-1' });
    const after = events.slice(interruptedAt + 1);
    expect(
      after.some(
        (e) =>
          (e.type === 'response.audio' || e.type === 'response.text.delta') && e.responseId === 'gemini-response-1',
      ),
    ).toBe(false);
    expect(events.find((e) => e.type === 'response.done' && e.responseId === 'gemini-response-1')).toMatchObject({
      status: 'cancelled',
    });
    const reply2 = events.filter((e) => e.type === 'response.text.delta' && e.responseId === 'gemini-response-2');
    expect(reply2.map((e) => (e.type === 'response.text.delta' ? e.delta : '')).join('')).toBe('Hello again, Marcelo.');
    expect(JSON.stringify(events)).not.toContain('Acknowledg');
    expect(server.skippedGates).toEqual([]);
    const audioSent = server.received.find((m) => m.json?.['realtimeInput'] !== undefined)?.json;
    expect(audioSent).toMatchObject({ realtimeInput: { audio: { mimeType: 'audio/pcm;rate=16000' } } });
  });
});

describe('goAway', () => {
  it('resumes on a new socket with the latest handle, holds audio sent meanwhile, and the conversation continues', async () => {
    const toolTrace = loadBidiTrace(GEMINI_TOOL_TRACE);
    const handleIndex = toolTrace.findIndex((l) => 'sessionResumptionUpdate' in l.event);
    const secondConnection: TraceLine[] = [
      toolTrace[0]!,
      { dir: 's2c', event: { setupComplete: {} } },
      { dir: 'c2s', event: { clientContent: { turns: [], turnComplete: true } } },
      ...toolTrace.slice(handleIndex + 1).filter((l) => l.dir === 's2c'),
    ];
    let oldClosedFirst = false;
    server = await startReplayServer({
      trace: (connection) => {
        if (connection === 1) oldClosedFirst = server?.sockets[0]?.readyState === 3;
        return connection === 0 ? toolTrace : secondConnection;
      },
      dialect: 'gemini',
      binaryFrames: true,
      onScriptEnd: (ws, connection) => {
        if (connection === 0) ws.send(Buffer.from(JSON.stringify({ goAway: { timeLeft: '50s' } })), { binary: true });
      },
    });
    const opened = open(server);
    session = opened.session;
    const s = session;
    const statuses: string[] = [];
    s.subscribe((e) => {
      if (e.type === 'status') {
        statuses.push(e.status);
        // audio captured while the socket switches must not be lost
        if (e.status === 'reconnecting') sendSpeech(s, 500);
      }
      if (e.type === 'tool.call') s.sendToolResult(e.callId, 'It is foggy and 12 degrees in London.');
    });
    await s.connect();
    s.sendText('What is the weather in London?');
    await opened.next((e) => e.type === 'session.expiring');
    await opened.next((e) => e.type === 'status' && e.status === 'connected');
    s.sendText('And tomorrow?');
    const done = await opened.next((e) => e.type === 'response.done' && e.responseId === 'gemini-response-3');
    expect(done).toMatchObject({ status: 'completed' });

    expect(server.upgrades).toHaveLength(2);
    expect(oldClosedFirst).toBe(true);
    const resumedSetup = server.received.find((m) => m.connection === 1 && m.json?.['setup'] !== undefined)?.json;
    expect(resumedSetup).toMatchObject({
      setup: { sessionResumption: { handle: '95e91930-b35b-482b-8880-17efc49ec2f2' } },
    });
    const audioOn = (c: number): number =>
      server!.received.filter((m) => m.connection === c && m.json?.['realtimeInput'] !== undefined).length;
    expect(audioOn(0)).toBe(0);
    expect(audioOn(1)).toBe(5);
    // the held audio went out after setup, before the next text turn
    const kinds = server.received.filter((m) => m.connection === 1).map((m) => Object.keys(m.json ?? {})[0]);
    expect(kinds).toEqual([
      'setup',
      'realtimeInput',
      'realtimeInput',
      'realtimeInput',
      'realtimeInput',
      'realtimeInput',
      'clientContent',
    ]);
    expect(statuses).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    expect(opened.events.filter((e) => e.type === 'error')).toEqual([]);
  });
});
