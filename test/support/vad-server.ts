import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { base64ToPcm16, pcm16ToBase64 } from '../../src/core/pcm-codec.js';
import { EnergyVad } from './energy-vad.js';
import { loadBidiTrace } from './traces.js';

export interface VadServerOptions {
  /** The assistant's replies (PCM16 24 kHz), played one after another with `gapMs` between. */
  replies: Int16Array[];
  gapMs?: number;
  /** Replies are streamed this many times faster than real time (providers: up to several). */
  pace?: number;
  /** Energy VAD threshold on the received audio, dBFS. */
  thresholdDb?: number;
}

export interface SpeechStart {
  atMs: number;
  /** A reply was streaming or still playing when the VAD fired: it was interrupted. */
  duringReply: boolean;
}

export interface VadServer {
  url: string;
  /** performance.now() when the server started: `SpeechStart.atMs` counts from here. */
  startedAtMs: number;
  speechStarts: SpeechStart[];
  repliesStarted: number;
  /** When each reply started streaming, ms from the server's start (to place a speech start in the cycle). */
  replyStartsMs: number[];
  /**
   * Level (dBFS) of the audio received while a reply was playing and nobody else spoke: with
   * nobody talking, that is the echo reaching the server. `skip` leaves out audio received at
   * those times (ms from the server's start: a person talking).
   */
  echoLevelDb(skip?: (atMs: number) => boolean): number;
  close(): Promise<void>;
}

const RATE = 24_000;
const TRACE = 'openai-ga__barge-in__speech-started__truncate__response-cancelled-turn_detected';

function template(type: string): Record<string, unknown> {
  const line = loadBidiTrace(TRACE).find((l) => l.dir === 's2c' && l.event['type'] === type);
  if (line === undefined) throw new Error(`${TRACE} has no ${type}`);
  return structuredClone(line.event);
}

/**
 * An OpenAI-GA-style server that acts like a server VAD: it plays long replies and declares
 * `input_audio_buffer.speech_started` when the audio it receives stays above an energy threshold
 * for 200 ms, cancelling the reply as the real service does (response.done, status cancelled,
 * reason turn_detected). Handshake events are the recorded ones from the barge-in trace.
 */
export async function startVadServer(options: VadServerOptions): Promise<VadServer> {
  const http: Server = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ server: http });
  const speechStarts: SpeechStart[] = [];
  const started = performance.now();
  const replyStartsMs: number[] = [];
  const duringReplies: { atMs: number; energy: number; samples: number }[] = [];
  const sockets = new Set<WebSocket>();

  wss.on('connection', (ws) => {
    sockets.add(ws);
    const send = (event: Record<string, unknown>): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(event));
    };
    const vad = new EnergyVad({ sampleRate: RATE, thresholdDb: options.thresholdDb ?? -45 });
    let current: { id: string; cancelled: boolean; playsUntilMs: number } | undefined;
    let closed = false;
    send(template('session.created'));

    const cancel = (): void => {
      if (current === undefined || current.cancelled) return;
      current.cancelled = true;
      const done = template('response.done');
      (done['response'] as Record<string, unknown>)['id'] = current.id;
      send(done);
    };
    ws.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
      if (event['type'] === 'session.update') {
        send(template('session.updated'));
        void playReplies();
      }
      if (event['type'] !== 'input_audio_buffer.append') return;
      const pcm = base64ToPcm16(String(event['audio']));
      const transition = vad.push(pcm);
      const now = performance.now();
      if (current !== undefined && !current.cancelled && now < current.playsUntilMs) {
        let energy = 0;
        for (const x of pcm) energy += x * x;
        duringReplies.push({ atMs: now - started, energy, samples: pcm.length });
      }
      if (transition === 'started') {
        const duringReply = current !== undefined && !current.cancelled && now < current.playsUntilMs;
        speechStarts.push({ atMs: now - started, duringReply });
        send({
          type: 'input_audio_buffer.speech_started',
          event_id: `ev_${now}`,
          audio_start_ms: Math.round(now - started),
          item_id: `item_u${speechStarts.length}`,
        });
        cancel();
      } else if (transition === 'stopped') {
        send({
          type: 'input_audio_buffer.speech_stopped',
          event_id: `ev_${now}`,
          audio_end_ms: Math.round(now - started),
          item_id: `item_u${speechStarts.length}`,
        });
      }
    });
    ws.on('close', () => {
      closed = true;
      sockets.delete(ws);
    });

    const playReplies = async (): Promise<void> => {
      const pace = options.pace ?? 4;
      for (let i = 0; !closed; i++) {
        const reply = options.replies[i % options.replies.length] ?? new Int16Array();
        const id = `resp_vad${i}`;
        const created = template('response.created');
        (created['response'] as Record<string, unknown>)['id'] = id;
        send(created);
        replyStartsMs.push(performance.now() - started);
        current = { id, cancelled: false, playsUntilMs: performance.now() + (reply.length * 1000) / RATE + 300 };
        const chunk = RATE / 10;
        for (let at = 0; at < reply.length && !current.cancelled && !closed; at += chunk) {
          send({
            type: 'response.output_audio.delta',
            event_id: `ev_d${i}_${at}`,
            response_id: id,
            item_id: `item_a${i}`,
            output_index: 0,
            content_index: 0,
            delta: pcm16ToBase64(reply.subarray(at, at + chunk)),
          });
          await new Promise((r) => setTimeout(r, 100 / pace));
        }
        if (!current.cancelled) {
          send({
            type: 'response.output_audio.done',
            event_id: `ev_ad${i}`,
            response_id: id,
            item_id: `item_a${i}`,
            output_index: 0,
            content_index: 0,
          });
          const done = template('response.done');
          const response = done['response'] as Record<string, unknown>;
          Object.assign(response, { id, status: 'completed', status_details: null });
          // wait for the reply to finish playing before the next one
          while (!current.cancelled && performance.now() < current.playsUntilMs && !closed)
            await new Promise((r) => setTimeout(r, 20));
          send(done);
        }
        await new Promise((r) => setTimeout(r, options.gapMs ?? 1500));
      }
    };
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    startedAtMs: started,
    speechStarts,
    replyStartsMs,
    get repliesStarted() {
      return replyStartsMs.length;
    },
    echoLevelDb(skip = () => false) {
      let energy = 0;
      let samples = 0;
      for (const r of duringReplies) {
        if (skip(r.atMs)) continue;
        energy += r.energy;
        samples += r.samples;
      }
      return 20 * Math.log10(Math.max(1e-9, Math.sqrt(energy / Math.max(1, samples)) / 32768));
    },
    async close() {
      for (const s of sockets) s.terminate();
      wss.close();
      await new Promise((r) => http.close(r));
    },
  };
}
