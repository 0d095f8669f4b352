// Turns one run's timing log (JSON lines from the client) and the monitor recording into figures.
import { readFileSync } from 'node:fs';
import type { Monitor } from './monitor.js';
import { FRAME_SAMPLES } from './workload.js';
import type { Workload } from './workload.js';

export interface TimingLine {
  t: number;
  pid: number;
  ev: string;
  responseId?: string;
  samples?: number;
  sampleRate?: number;
  arrival?: number;
}

export function readTiming(file: string): TimingLine[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as TimingLine);
}

export interface RunFigures {
  /** Per audio frame: arrival -> samples in the client's playback queue (ms). */
  addedMs: number[];
  /** Per interruption: event arrival -> last loud sample on the monitor (ms). */
  bargeInMs: number[];
  /** Per reply: first audio frame arrival -> first loud sample on the monitor (ms). */
  firstAudioMs: number[];
  readyAt: number | undefined;
}

const INTERRUPTS = new Set(['input.speech_started', 'response.interrupted']);
/** Replies arrive at 24 kHz; the player logs samples at its device rate (24 kHz, or 48 kHz on fallback). */
const ARRIVAL_RATE = 24_000;

/**
 * voicechat logs frame arrivals (in the parent) and enqueues in the player host (per response,
 * at the device rate); a frame counts as enqueued when the host holds all of its samples.
 */
function voicechatAdded(lines: TimingLine[], frames: TimingLine[], w: Workload): number[] {
  const groups: TimingLine[][] = [];
  for (const l of lines) {
    if (l.ev !== 'play.enqueue') continue;
    const last = groups.at(-1);
    if (last !== undefined && last[0]?.responseId === l.responseId) last.push(l);
    else groups.push([l]);
  }
  const out: number[] = [];
  const byReply = new Map<number, number[]>();
  w.audioFrameReply.forEach((reply, index) => {
    if (reply >= 0) byReply.set(reply, [...(byReply.get(reply) ?? []), index]);
  });
  for (const [reply, indexes] of byReply) {
    const group = groups[reply];
    if (group === undefined) continue;
    let g = 0;
    let have = group[0]?.samples ?? 0;
    const ratio = (group[0]?.sampleRate ?? ARRIVAL_RATE * 2) / ARRIVAL_RATE;
    indexes.forEach((frameIndex, k) => {
      const arrival = frames[frameIndex]?.t;
      const need = (k + 1) * FRAME_SAMPLES * ratio - 4;
      while (have < need && g < group.length - 1) have += group[++g]?.samples ?? 0;
      const enq = group[g];
      if (arrival !== undefined && enq !== undefined && have >= need) out.push(enq.t - arrival);
    });
  }
  return out;
}

export function analyze(kind: 'voicechat' | 'peer', lines: TimingLine[], w: Workload, monitor: Monitor): RunFigures {
  const mainPid = lines.find((l) => l.ev === 'ws.frame')?.pid;
  const frames = lines.filter((l) => l.ev === 'ws.frame' && l.pid === mainPid);
  const addedMs =
    kind === 'peer'
      ? lines.filter((l) => l.ev === 'play.enqueue' && l.arrival !== undefined).map((l) => l.t - (l.arrival ?? 0))
      : voicechatAdded(lines, frames, w);
  const bargeInMs: number[] = [];
  let lastInterrupt = -Infinity;
  for (const l of lines) {
    if (!INTERRUPTS.has(l.ev) || l.t - lastInterrupt < 500) continue;
    lastInterrupt = l.t;
    const end = monitor.lastLoud(l.t - 1000, l.t + 1000);
    if (end !== undefined) bargeInMs.push(end - l.t); // may be slightly negative: monitor timestamps are +-2 ms
  }
  const firstAudioMs: number[] = [];
  const seen = new Set<number>();
  w.audioFrameReply.forEach((reply, index) => {
    if (reply < 0 || seen.has(reply)) return;
    seen.add(reply);
    const arrival = frames[index]?.t;
    if (arrival === undefined) return;
    const onset = monitor.firstLoud(arrival - 20, arrival + 1000);
    if (onset !== undefined) firstAudioMs.push(onset - arrival);
  });
  return { addedMs, bargeInMs, firstAudioMs, readyAt: lines.find((l) => l.ev === 'session.ready')?.t };
}
