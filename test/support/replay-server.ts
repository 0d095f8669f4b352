import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { TraceLine } from './traces.js';

/**
 * A local WebSocket server that speaks a provider's protocol by replaying a real trace: it sends
 * the trace's server frames and, where the trace shows the client talking, waits until our
 * client has sent the same kind of message. It records everything the client sent and can
 * inject faults. Tests only — never shipped.
 */

export type Dialect = 'openai' | 'gemini';

export interface UpgradeRecord {
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface ReceivedMessage {
  connection: number;
  atMs: number;
  json: Record<string, unknown> | undefined;
  raw: string;
}

export interface Injection {
  /** Sent right before step `beforeStep` (index into the s2c frames of the trace) … */
  beforeS2c: number;
  /** … as this raw payload. */
  payload: string | Buffer;
  binary?: boolean;
}

export interface ReplayOptions {
  trace: TraceLine[] | ((connection: number) => TraceLine[]);
  dialect: Dialect;
  /** Gemini's service sends JSON in binary frames. */
  binaryFrames?: boolean;
  /** Session input rate, to measure how much audio the client sent. */
  inputSampleRate?: number;
  /** Most audio (ms) an audio gate waits for; a gate waits for min(trace amount, this). */
  audioGateMs?: number;
  /** How long a gate waits for the client before moving on anyway (recorded as skipped). */
  gateTimeoutMs?: number;
  /** Pace audio frames at this multiple of real time (undefined = as fast as possible). */
  audioPace?: number;
  /** Output audio rate (pacing and tone generation). */
  outputSampleRate?: number;
  /** Replace silent placeholder audio with a tone, so played audio is audible and checkable. */
  toneHz?: number;
  /** Answer the upgrade with this HTTP status instead of accepting it … */
  rejectUpgrade?: { status: number; body?: string } | undefined;
  /** … from this upgrade on (0-based; default 0 = every upgrade). */
  rejectFromUpgrade?: number;
  /** Delay before answering the upgrade. */
  upgradeDelayMs?: number;
  /** Close the socket with this code right before the n-th s2c frame. */
  closeBeforeS2c?: { index: number; code: number; reason?: string } | undefined;
  injections?: Injection[];
  /** Drop the TCP connection without a close frame (the client sees 1006) before the n-th s2c frame. */
  dropBeforeS2c?: number | undefined;
  /** Stop sending and stop reading (no pongs either) before the n-th s2c frame: a stalled peer. */
  stallBeforeS2c?: number | undefined;
  /** Apply the faults above to this connection only (default: the first). */
  faultConnection?: number;
  /** Extra frames sent after the script ends (e.g. a goAway). */
  onScriptEnd?: (ws: WebSocket, connection: number) => void;
  /** Serve wss:// (https) with this key and certificate (PEM) instead of ws://. */
  tls?: { key: string; cert: string } | undefined;
}

export interface ReplayServer {
  url: string;
  port: number;
  /** `http://127.0.0.1:PORT` */
  httpBase: string;
  upgrades: UpgradeRecord[];
  received: ReceivedMessage[];
  skippedGates: string[];
  /** Number of s2c frames sent, per connection. */
  sentCount: number[];
  /** Resolves when the script of connection n finished sending. */
  scriptDone(connection?: number): Promise<void>;
  /** Resolves with the first received message matching. */
  waitFor(predicate: (m: ReceivedMessage) => boolean, timeoutMs?: number): Promise<ReceivedMessage>;
  sockets: WebSocket[];
  close(): Promise<void>;
}

const AUDIO_KINDS: Record<Dialect, ReadonlySet<string>> = {
  openai: new Set(['input_audio_buffer.append']),
  gemini: new Set(['realtimeInput']),
};

const GEMINI_KEYS: Record<string, string> = {
  setup: 'setup',
  clientContent: 'clientContent',
  client_content: 'clientContent',
  realtimeInput: 'realtimeInput',
  realtime_input: 'realtimeInput',
  toolResponse: 'toolResponse',
  tool_response: 'toolResponse',
};

/** The kind of a client message, as a gate compares it. */
export function messageKind(dialect: Dialect, json: Record<string, unknown> | undefined): string {
  if (json === undefined) return '(invalid)';
  switch (dialect) {
    case 'openai':
      return typeof json['type'] === 'string' ? json['type'] : '(no type)';
    case 'gemini': {
      for (const key of Object.keys(json)) {
        const kind = GEMINI_KEYS[key];
        if (kind !== undefined) {
          // audio and activity signals share realtimeInput; only audio counts as audio
          if (kind === 'realtimeInput') {
            const inner = (json[key] ?? {}) as Record<string, unknown>;
            if ('activityStart' in inner || 'activity_start' in inner) return 'activityStart';
            if ('activityEnd' in inner || 'activity_end' in inner) return 'activityEnd';
            if ('text' in inner) return 'realtimeText';
          }
          return kind;
        }
      }
      return '(unknown)';
    }
  }
}

function audioBytesOf(dialect: Dialect, json: Record<string, unknown> | undefined): number {
  if (json === undefined) return 0;
  const b64 = (s: unknown): number => (typeof s === 'string' ? Math.floor((s.length * 3) / 4) : 0);
  switch (dialect) {
    case 'openai':
      return b64(json['audio']);
    case 'gemini': {
      const inner = (json['realtimeInput'] ?? json['realtime_input'] ?? {}) as Record<string, unknown>;
      const audio = (inner['audio'] ?? {}) as Record<string, unknown>;
      const chunks = (inner['mediaChunks'] ?? inner['media_chunks'] ?? []) as Record<string, unknown>[];
      return b64(audio['data']) + chunks.reduce((n, c) => n + b64(c['data']), 0);
    }
  }
}

type Step =
  | { kind: 'send'; event: Record<string, unknown>; s2cIndex: number }
  | { kind: 'gate'; expect: string }
  | { kind: 'audio-gate'; traceMs: number };

function buildSteps(trace: TraceLine[], dialect: Dialect, inputRate: number): Step[] {
  const steps: Step[] = [];
  let run: TraceLine[] = [];
  let s2cIndex = 0;
  const flush = (): void => {
    if (run.length === 0) return;
    const kinds = run.map((l) => messageKind(dialect, l.event));
    const nonAudio = kinds.filter((k) => !AUDIO_KINDS[dialect].has(k));
    if (nonAudio.length === 0) {
      const bytes = run.reduce((n, l) => n + audioBytesOf(dialect, l.event), 0);
      steps.push({ kind: 'audio-gate', traceMs: (bytes / 2 / inputRate) * 1000 });
    } else {
      // wait for the last non-audio message of the run: the client sent the others first
      steps.push({ kind: 'gate', expect: nonAudio[nonAudio.length - 1] ?? '' });
    }
    run = [];
  };
  for (const line of trace) {
    if (line.dir === 'c2s') {
      run.push(line);
    } else {
      flush();
      steps.push({ kind: 'send', event: line.event, s2cIndex: s2cIndex++ });
    }
  }
  flush();
  return steps;
}

function tone(samples: number, hz: number, rate: number, phase: { n: number }): string {
  const buf = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    buf.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * hz * phase.n++) / rate)), i * 2);
  }
  return buf.toString('base64');
}

/** Finds the audio payload of a server frame, and a setter to replace it. */
function audioSlot(
  dialect: Dialect,
  event: Record<string, unknown>,
): { bytes: number; set: (b64: string) => void } | undefined {
  switch (dialect) {
    case 'openai': {
      const type = event['type'];
      if (
        (type === 'response.output_audio.delta' || type === 'response.audio.delta') &&
        typeof event['delta'] === 'string'
      ) {
        return { bytes: Buffer.from(event['delta'], 'base64').length, set: (b) => (event['delta'] = b) };
      }
      return undefined;
    }
    case 'gemini': {
      const parts = ((
        (event['serverContent'] as Record<string, unknown> | undefined)?.['modelTurn'] as
          Record<string, unknown> | undefined
      )?.['parts'] ?? []) as Record<string, unknown>[];
      for (const part of parts) {
        const inline = part['inlineData'] as Record<string, unknown> | undefined;
        if (inline !== undefined && typeof inline['data'] === 'string') {
          return { bytes: Buffer.from(inline['data'], 'base64').length, set: (b) => (inline['data'] = b) };
        }
      }
      return undefined;
    }
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startReplayServer(options: ReplayOptions): Promise<ReplayServer> {
  const inputRate = options.inputSampleRate ?? (options.dialect === 'gemini' ? 16000 : 24000);
  const outputRate = options.outputSampleRate ?? 24000;
  const received: ReceivedMessage[] = [];
  const upgrades: UpgradeRecord[] = [];
  const skippedGates: string[] = [];
  const sentCount: number[] = [];
  const sockets: WebSocket[] = [];
  const scriptDone: Promise<void>[] = [];
  const started = performance.now();
  const waiters = new Set<() => void>();
  const notify = (): void => {
    for (const w of [...waiters]) w();
  };
  const refuse = (_req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(426).end();
  };
  const http: Server = options.tls === undefined ? createServer(refuse) : createTlsServer(options.tls, refuse);
  const secure = options.tls !== undefined;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  const rawSockets = new Set<Socket>();
  http.on('connection', (s: Socket) => {
    rawSockets.add(s);
    s.on('close', () => rawSockets.delete(s));
  });

  http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    upgrades.push({ url: req.url ?? '', headers: { ...req.headers } });
    void (async () => {
      if (options.upgradeDelayMs !== undefined) await sleep(options.upgradeDelayMs);
      if (options.rejectUpgrade !== undefined && upgrades.length - 1 >= (options.rejectFromUpgrade ?? 0)) {
        const body = options.rejectUpgrade.body ?? '';
        socket.end(
          `HTTP/1.1 ${options.rejectUpgrade.status} Rejected\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
        return;
      }
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
    })();
  });

  wss.on('connection', (ws: WebSocket) => {
    const connection = sockets.length;
    sockets.push(ws);
    sentCount[connection] = 0;
    const trace = typeof options.trace === 'function' ? options.trace(connection) : options.trace;
    const steps = buildSteps(structuredClone(trace), options.dialect, inputRate);
    let audioBytesSinceGate = 0;
    let cursor = 0; // index into `received` for this connection's gate matching
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const raw = isBinary ? data.toString('utf8') : data.toString('utf8');
      let json: Record<string, unknown> | undefined;
      try {
        const parsed: unknown = JSON.parse(raw);
        json = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
      } catch {
        json = undefined;
      }
      received.push({ connection, atMs: performance.now() - started, json, raw });
      audioBytesSinceGate += audioBytesOf(options.dialect, json);
      notify();
    });
    const waitUntil = async (check: () => boolean, timeoutMs: number): Promise<boolean> => {
      if (check()) return true;
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(fn);
          resolve(false);
        }, timeoutMs);
        const fn = (): void => {
          if (check()) {
            clearTimeout(timer);
            waiters.delete(fn);
            resolve(true);
          }
        };
        waiters.add(fn);
      });
    };
    const phase = { n: 0 };
    const run = async (): Promise<void> => {
      let audioClockStart: number | undefined;
      let audioSentMs = 0;
      for (const step of steps) {
        if (ws.readyState !== ws.OPEN) return;
        switch (step.kind) {
          case 'gate': {
            const ok = await waitUntil(() => {
              for (let i = cursor; i < received.length; i++) {
                const m = received[i]!;
                if (m.connection === connection && messageKind(options.dialect, m.json) === step.expect) {
                  cursor = i + 1;
                  return true;
                }
              }
              return false;
            }, options.gateTimeoutMs ?? 5000);
            if (!ok) skippedGates.push(step.expect);
            audioBytesSinceGate = 0;
            audioClockStart = undefined;
            audioSentMs = 0;
            break;
          }
          case 'audio-gate': {
            const needMs = Math.min(step.traceMs, options.audioGateMs ?? 1000);
            const ok = await waitUntil(
              () => (audioBytesSinceGate / 2 / inputRate) * 1000 >= needMs,
              options.gateTimeoutMs ?? 5000,
            );
            if (!ok) skippedGates.push('audio');
            audioBytesSinceGate = 0;
            break;
          }
          case 'send': {
            const faulty = connection === (options.faultConnection ?? 0);
            for (const inj of options.injections ?? []) {
              if (faulty && inj.beforeS2c === step.s2cIndex) ws.send(inj.payload, { binary: inj.binary ?? false });
            }
            if (faulty && options.dropBeforeS2c === step.s2cIndex) {
              ws.terminate();
              return;
            }
            if (faulty && options.stallBeforeS2c === step.s2cIndex) {
              // a paused socket reads nothing, so pings go unanswered
              (ws as unknown as { _socket: Socket })._socket.pause();
              return;
            }
            if (options.closeBeforeS2c?.index === step.s2cIndex && faulty) {
              ws.close(options.closeBeforeS2c.code, options.closeBeforeS2c.reason);
              return;
            }
            const slot = audioSlot(options.dialect, step.event);
            if (slot !== undefined) {
              const samples = Math.floor(slot.bytes / 2);
              if (options.toneHz !== undefined) slot.set(tone(samples, options.toneHz, outputRate, phase));
              if (options.audioPace !== undefined) {
                audioClockStart ??= performance.now();
                const due = audioClockStart + audioSentMs / options.audioPace;
                const wait = due - performance.now();
                if (wait > 0) await sleep(wait);
                audioSentMs += (samples / outputRate) * 1000;
              }
            }
            const text = JSON.stringify(step.event);
            ws.send(options.binaryFrames === true ? Buffer.from(text) : text, {
              binary: options.binaryFrames === true,
            });
            sentCount[connection] = (sentCount[connection] ?? 0) + 1;
            // let the client's reads interleave as with a real network
            await new Promise((r) => setImmediate(r));
            break;
          }
        }
      }
      options.onScriptEnd?.(ws, connection);
    };
    scriptDone[connection] = run();
    notify();
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `${secure ? 'wss' : 'ws'}://127.0.0.1:${port}`,
    httpBase: `${secure ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    upgrades,
    received,
    skippedGates,
    sentCount,
    sockets,
    async scriptDone(connection = 0) {
      for (let i = 0; i < 200 && scriptDone[connection] === undefined; i++) await sleep(10);
      await scriptDone[connection];
    },
    waitFor(predicate, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const found = received.find(predicate);
        if (found !== undefined) {
          resolve(found);
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(fn);
          reject(new Error('waitFor timed out'));
        }, timeoutMs);
        const fn = (): void => {
          const hit = received.find(predicate);
          if (hit !== undefined) {
            clearTimeout(timer);
            waiters.delete(fn);
            resolve(hit);
          }
        };
        waiters.add(fn);
      });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      for (const s of rawSockets) s.destroy();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
