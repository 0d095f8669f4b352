// The scripted conversation both voicechat and the peers receive: replies of real-time tone audio,
// most of them cut off by a user interruption, with a pause after each (the barge-in window).
import type { Dialect } from '../../test/support/replay-server.js';
import type { TraceLine } from '../../test/support/traces.js';

export const FRAME_SAMPLES = 480; // 20 ms at 24 kHz, as in the recorded traces
export const OUTPUT_RATE = 24000;

export interface WorkloadOptions {
  durationSec: number;
  /** Audio per reply. */
  replyMs: number;
  /** Replies are interrupted this far in, except every `completeEvery`-th, which plays out. */
  interruptAtMs: number;
  completeEvery: number;
  /** Silence after each reply (a gate the client never satisfies, so it times out: real time). */
  pauseMs: number;
}

export interface ReplyPlan {
  index: number;
  responseId: string;
  frames: number;
  interrupted: boolean;
}

export interface Workload {
  trace: TraceLine[];
  replies: ReplyPlan[];
  /** For every server frame in send order: the reply it carries audio for, or -1. */
  audioFrameReply: number[];
}

const silentDelta = (): string => Buffer.alloc(FRAME_SAMPLES * 2).toString('base64');

export function planReplies(o: WorkloadOptions): ReplyPlan[] {
  const cycleMs = Math.min(o.replyMs, o.interruptAtMs) + o.pauseMs;
  const count = Math.max(1, Math.floor((o.durationSec * 1000) / cycleMs));
  return Array.from({ length: count }, (_, index) => {
    const interrupted = (index + 1) % o.completeEvery !== 0;
    const ms = interrupted ? o.interruptAtMs : o.replyMs;
    return { index, responseId: `resp_bench_${index}`, frames: Math.round(ms / 20), interrupted };
  });
}

function openaiReply(r: ReplyPlan): TraceLine[] {
  const item = `item_bench_${r.index}`;
  const ids = { response_id: r.responseId, item_id: item, output_index: 0, content_index: 0 };
  const s = (event: Record<string, unknown>): TraceLine => ({ dir: 's2c', event });
  const lines: TraceLine[] = [
    s({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: 1000, item_id: `item_user_${r.index}` }),
    s({ type: 'input_audio_buffer.committed', item_id: `item_user_${r.index}` }),
    s({
      type: 'response.created',
      response: { id: r.responseId, object: 'realtime.response', status: 'in_progress', output: [] },
    }),
    s({
      type: 'response.output_item.added',
      response_id: r.responseId,
      output_index: 0,
      item: { id: item, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    }),
    s({ type: 'response.content_part.added', ...ids, part: { type: 'audio', transcript: '' } }),
  ];
  for (let f = 0; f < r.frames; f++) {
    if (f % 10 === 0) lines.push(s({ type: 'response.output_audio_transcript.delta', ...ids, delta: 'word ' }));
    lines.push(s({ type: 'response.output_audio.delta', ...ids, delta: silentDelta() }));
  }
  if (r.interrupted)
    lines.push(
      s({ type: 'input_audio_buffer.speech_started', audio_start_ms: 2000, item_id: `item_user_${r.index + 1}` }),
    );
  const status = r.interrupted ? 'cancelled' : 'completed';
  lines.push(
    s({ type: 'response.output_audio.done', ...ids }),
    s({ type: 'response.output_audio_transcript.done', ...ids, transcript: 'word' }),
    s({
      type: 'response.output_item.done',
      response_id: r.responseId,
      output_index: 0,
      item: {
        id: item,
        type: 'message',
        role: 'assistant',
        status: r.interrupted ? 'incomplete' : 'completed',
        content: [],
      },
    }),
    s({ type: 'response.done', response: { id: r.responseId, object: 'realtime.response', status, output: [] } }),
  );
  return lines;
}

function geminiReply(r: ReplyPlan): TraceLine[] {
  const s = (serverContent: Record<string, unknown>): TraceLine => ({ dir: 's2c', event: { serverContent } });
  const lines: TraceLine[] = [];
  for (let f = 0; f < r.frames; f++) {
    if (f % 10 === 0) lines.push(s({ outputTranscription: { text: 'word ' } }));
    lines.push(
      s({ modelTurn: { parts: [{ inlineData: { mimeType: 'audio/pcm;rate=24000', data: silentDelta() } }] } }),
    );
  }
  if (r.interrupted) lines.push(s({ interrupted: true }));
  else lines.push(s({ generationComplete: true }));
  lines.push(s({ turnComplete: true }));
  return lines;
}

/** A c2s line no client ever sends: the server waits `gateTimeoutMs` in real time, then goes on. */
const PAUSE: Record<Dialect, TraceLine> = {
  openai: { dir: 'c2s', event: { type: 'bench.pause' } },
  gemini: { dir: 'c2s', event: { toolResponse: { functionResponses: [] } } },
};

function isAudioFrame(e: Record<string, unknown>): boolean {
  return (
    e['type'] === 'response.output_audio.delta' ||
    (e['serverContent'] as { modelTurn?: unknown } | undefined)?.modelTurn !== undefined
  );
}

export function buildWorkload(dialect: Dialect, o: WorkloadOptions): Workload {
  const replies = planReplies(o);
  const trace: TraceLine[] =
    dialect === 'openai'
      ? [
          {
            dir: 's2c',
            event: {
              type: 'session.created',
              session: {
                id: 'sess_bench',
                object: 'realtime.session',
                type: 'realtime',
                model: 'gpt-realtime',
                output_modalities: ['audio'],
                audio: {
                  input: { format: { type: 'audio/pcm', rate: 24000 } },
                  output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' },
                },
              },
            },
          },
          { dir: 'c2s', event: { type: 'session.update' } },
          {
            dir: 's2c',
            event: {
              type: 'session.updated',
              session: {
                id: 'sess_bench',
                object: 'realtime.session',
                type: 'realtime',
                model: 'gpt-realtime',
                output_modalities: ['audio'],
                audio: {
                  input: { format: { type: 'audio/pcm', rate: 24000 } },
                  output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' },
                },
              },
            },
          },
        ]
      : [
          { dir: 'c2s', event: { setup: {} } },
          { dir: 's2c', event: { setupComplete: {} } },
        ];
  trace.push(PAUSE[dialect]); // let the client start its audio before the first reply
  const audioFrameReply: number[] = trace.filter((l) => l.dir === 's2c').map(() => -1);
  for (const r of replies) {
    const lines = dialect === 'openai' ? openaiReply(r) : geminiReply(r);
    for (const line of lines) audioFrameReply.push(isAudioFrame(line.event) ? r.index : -1);
    trace.push(...lines, PAUSE[dialect]);
  }
  return { trace, replies, audioFrameReply };
}
