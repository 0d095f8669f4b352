import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../../src/core/events.js';
import { silentLogger } from '../../../../src/core/log.js';
import type { SessionOptions } from '../../../../src/core/session.js';
import { GeminiSession } from '../../../../src/providers/gemini/session.js';
import type { SocketConnector, SocketPort } from '../../../../src/providers/socket.js';

/** A scripted socket: records sends, lets the test push frames and closes. */
class FakeSocket implements SocketPort {
  sent: Record<string, unknown>[] = [];
  #onMessage: ((data: string, isBinary: boolean) => void) | undefined;
  #onClose: ((code: number, reason: string) => void) | undefined;
  closedWith: number | undefined;
  constructor(private readonly autoSetup = true) {}
  send(data: string): void {
    const json = JSON.parse(data) as Record<string, unknown>;
    this.sent.push(json);
    if (this.autoSetup && 'setup' in json) queueMicrotask(() => this.push({ setupComplete: {} }));
  }
  close(code?: number): void {
    this.closedWith = code;
    queueMicrotask(() => this.#onClose?.(code ?? 1005, ''));
  }
  onMessage(listener: (data: string, isBinary: boolean) => void): void {
    this.#onMessage = listener;
  }
  onClose(listener: (code: number, reason: string) => void): void {
    this.#onClose = listener;
  }
  bufferedBytes(): number {
    return 0;
  }
  push(message: Record<string, unknown> | string): void {
    this.#onMessage?.(typeof message === 'string' ? message : JSON.stringify(message), true);
  }
  serverClose(code: number, reason: string): void {
    this.#onClose?.(code, reason);
  }
}

const options = (over: Partial<SessionOptions> = {}): SessionOptions => ({
  model: 'm',
  output: 'audio',
  vad: { mode: 'server' },
  tools: [],
  ...over,
});

function make(socket: FakeSocket, opts = options(), timeoutMs = 2000) {
  const connect: SocketConnector = () => Promise.resolve(socket);
  const session = new GeminiSession(
    {
      provider: 'gemini',
      endpoint: { url: 'ws://x', headers: {} },
      model: 'models/m',
      options: opts,
      connectTimeoutMs: timeoutMs,
      credentialHint: 'hint',
    },
    { connect, log: silentLogger },
  );
  const events: SessionEvent[] = [];
  session.subscribe((e) => events.push(e));
  return { session, events };
}

describe('GeminiSession contract', () => {
  it('sends setup first, waits for setupComplete, reports ready and connected', async () => {
    const socket = new FakeSocket();
    const { session, events } = make(socket);
    await session.connect();
    expect(Object.keys(socket.sent[0] ?? {})).toEqual(['setup']);
    expect(events.map((e) => e.type)).toEqual(['status', 'session.ready', 'status']);
    expect(session.capabilities).toMatchObject({
      inputSampleRate: 16000,
      outputSampleRate: 24000,
      resumable: true,
      canTruncate: false,
    });
  });

  it('a malformed frame is a non-fatal error, and the session carries on', async () => {
    const socket = new FakeSocket();
    const { session, events } = make(socket);
    await session.connect();
    socket.push('{not json');
    socket.push('[1,2]');
    socket.push({ serverContent: { outputTranscription: { text: 'ok' } } });
    const errors = events.filter((e) => e.type === 'error');
    expect(errors).toHaveLength(2);
    expect(errors.every((e) => e.type === 'error' && !e.error.fatal)).toBe(true);
    expect(events.some((e) => e.type === 'response.text.delta')).toBe(true);
  });

  it('a close during the call becomes a fatal error with the reading of its reason', async () => {
    const socket = new FakeSocket();
    const { session, events } = make(socket);
    await session.connect();
    socket.serverClose(1011, 'You exceeded your current quota');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ error: { code: '1011', fatal: true } });
    expect(events.at(-1)).toMatchObject({ type: 'status', status: 'error' });
  });

  it('a 1007 after setupComplete is a mid-conversation refusal, not a setup error (issue #16)', async () => {
    const socket = new FakeSocket();
    const { session, events } = make(socket);
    await session.connect();
    socket.serverClose(1007, 'Request contains an invalid argument.');
    const error = events.find((e) => e.type === 'error');
    expect(error).toMatchObject({
      error: {
        code: '1007',
        fatal: true,
        message:
          'The provider rejected a request during the conversation (close 1007): Request contains an invalid argument.',
        hint: expect.stringMatching(/setup had been accepted/) as unknown,
      },
    });
  });

  it('a 1007 before setupComplete rejects connect as a setup error', async () => {
    const socket = new FakeSocket(false);
    const { session } = make(socket);
    const connecting = session.connect();
    await new Promise((resolve) => setTimeout(resolve, 10));
    socket.serverClose(1007, 'Request contains an invalid argument.');
    await expect(connecting).rejects.toThrow(
      /^The provider rejected the session setup: .*\(close 1007\): Request contains an invalid argument\.$/,
    );
  });

  it('times out when setupComplete never comes', async () => {
    const socket = new FakeSocket(false);
    const { session } = make(socket, options(), 50);
    await expect(session.connect()).rejects.toThrow(/did not confirm/);
    expect(socket.closedWith).toBe(1000);
  });

  it('manual turns use activityStart / activityEnd; automatic VAD ends the stream on commit', async () => {
    const manual = new FakeSocket();
    const a = make(manual, options({ vad: { mode: 'manual' } }));
    await a.session.connect();
    a.session.startInput();
    a.session.sendAudio(new Int16Array(160));
    a.session.commitInput();
    expect(manual.sent.slice(1).map((m) => Object.keys(m['realtimeInput'] as object))).toEqual([
      ['activityStart'],
      ['audio'],
      ['activityEnd'],
    ]);
    expect(a.session.capabilities.serverVad).toBe(false);
    const auto = new FakeSocket();
    const b = make(auto);
    await b.session.connect();
    b.session.startInput();
    b.session.commitInput();
    expect(auto.sent.slice(1)).toEqual([{ realtimeInput: { audioStreamEnd: true } }]);
  });

  it('cancelResponse drops the rest of the reply locally and the turn ends cancelled', async () => {
    const socket = new FakeSocket();
    const { session, events } = make(socket);
    await session.connect();
    const audio = {
      serverContent: { modelTurn: { parts: [{ inlineData: { mimeType: 'audio/pcm;rate=24000', data: 'AAAA' } }] } },
    };
    socket.push(audio);
    session.cancelResponse();
    socket.push(audio);
    socket.push({ serverContent: { turnComplete: true } });
    expect(events.filter((e) => e.type === 'response.audio')).toHaveLength(1);
    expect(events.find((e) => e.type === 'response.done')).toMatchObject({ status: 'cancelled' });
  });

  it('close() closes the socket with 1000 and reports closed', async () => {
    const socket = new FakeSocket();
    const { session, events } = make(socket);
    await session.connect();
    await session.close();
    expect(socket.closedWith).toBe(1000);
    expect(events.at(-1)).toEqual({ type: 'status', status: 'closed' });
  });

  it('resumeToken() gives the latest resumable handle; options.resumeToken resumes; seedHistory adds context', async () => {
    const first = new FakeSocket();
    const a = make(first);
    await a.session.connect();
    expect(a.session.resumeToken()).toBeUndefined();
    first.push({ sessionResumptionUpdate: { newHandle: 'h-1', resumable: true } });
    first.push({ sessionResumptionUpdate: { newHandle: '', resumable: false } });
    expect(a.session.resumeToken()).toBe('h-1');
    const second = new FakeSocket();
    const b = make(second, options({ resumeToken: 'h-1' }));
    await b.session.connect();
    expect(second.sent[0]).toMatchObject({ setup: { sessionResumption: { handle: 'h-1' } } });
    b.session.seedHistory([
      { role: 'user', text: 'Hi' },
      { role: 'assistant', text: 'Hello!' },
    ]);
    expect(second.sent[1]).toEqual({
      clientContent: {
        turns: [
          { parts: [{ text: 'Hi' }], role: 'user' },
          { parts: [{ text: 'Hello!' }], role: 'model' },
        ],
        turnComplete: false,
      },
    });
  });
});
