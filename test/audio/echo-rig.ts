import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAudioEngine } from '../../src/audio/engine.js';
import type { EchoMode } from '../../src/audio/echo/create-echo-canceller.js';
import { EnergyVad } from '../support/energy-vad.js';
import type { EchoProbe } from '../support/echo-probe.js';
import { AUDIO_BACKEND, sleep } from './audio-env.js';

export interface EchoPath {
  unload(): void;
}

/**
 * The laptop-speaker case on the virtual devices: what vc_out plays is fed back into the microphone
 * bus with a delay and a gain. Only tests that want echo load it; unload() restores the rig.
 */
export function loadEchoPath(options: { latencyMs: number; gainDb: number; adjustTimeS?: number }): EchoPath {
  const id = execFileSync(
    'pactl',
    [
      'load-module',
      'module-loopback',
      'source=vc_out.monitor',
      'sink=vc_mic_bus',
      `latency_msec=${options.latencyMs}`,
      'source_dont_move=true',
      'sink_dont_move=true',
      // 0 turns off the loopback's rate adaptation (a drifting echo path, as between real devices)
      ...(options.adjustTimeS === undefined ? [] : [`adjust_time=${options.adjustTimeS}`]),
    ],
    { encoding: 'utf8' },
  ).trim();
  const inputs = execFileSync('pactl', ['list', 'sink-inputs'], { encoding: 'utf8' }).split(/^Sink Input #/m);
  const mine = inputs.find((block) => new RegExp(`Owner Module: ${id}\\b`).test(block));
  const index = mine?.match(/^(\d+)/)?.[1];
  if (index === undefined) {
    execFileSync('pactl', ['unload-module', id]);
    throw new Error(`the echo loopback (module ${id}) has no sink input`);
  }
  execFileSync('pactl', ['set-sink-input-volume', index, `${options.gainDb}dB`]);
  return { unload: () => execFileSync('pactl', ['unload-module', id]) };
}

/** espeak-ng speech as PCM16 mono at `sampleRate`. */
export function speech(text: string, sampleRate: number, voice = 'en-us'): Int16Array {
  const dir = mkdtempSync(join(tmpdir(), 'vc-echo-'));
  try {
    const wav = join(dir, 's.wav');
    const raw = join(dir, 's.raw');
    execFileSync('espeak-ng', ['-v', voice, '-s', '165', '-w', wav, text]);
    execFileSync('sox', [
      wav,
      '-r',
      String(sampleRate),
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed-integer',
      '-t',
      'raw',
      raw,
    ]);
    const bytes = readFileSync(raw);
    return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1).slice();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Plays PCM16 mono into the microphone bus (a person talking into the mic). */
export function talkIntoMic(pcm: Int16Array, sampleRate: number): Promise<void> {
  const cat = spawn(
    'pacat',
    ['-d', 'vc_mic_bus', '--raw', `--rate=${sampleRate}`, '--channels=1', '--format=s16le', '--latency-msec=20'],
    { stdio: ['pipe', 'ignore', 'ignore'] },
  );
  cat.stdin.end(Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
  return new Promise((resolve) => cat.once('exit', () => resolve()));
}

const REPLIES = [
  'Sure. Echo cancellation removes the sound of the speaker from the microphone signal, so that the assistant does not hear itself and think that the user started talking again.',
  'The canceller needs two streams: what the speaker plays, and what the microphone hears. It estimates the delay and the room between them, and subtracts the prediction.',
  'Laptops are the hard case. The speaker and the microphone sit a few centimetres apart, the echo is loud, and the delay through the sound server changes from one machine to the next.',
  'When the reference is fed at the time it is played, the delay stays constant even if the reply arrives several times faster than real time from the network.',
  'That is why a barge in still works: your own voice is not in the reference, so it passes through, while the voice of the assistant is removed before the server can hear it.',
];

/** Two shorter replies, as the CLI end-to-end test and bench/vad-session.ts play them. */
export const SHORT_REPLIES = [
  'Sure. The quickest way to get there is to take the northern road through the valley, then follow the river until you reach the old stone bridge.',
  'Here is a short summary of the article. It argues that small, regular habits matter more than occasional large efforts, and it gives three examples.',
];

/** Replies as the assistant says them: espeak-ng, alternating two voices. */
export function spokenReplies(texts: readonly string[], sampleRate: number): Int16Array[] {
  return texts.map((text, i) => speech(text, sampleRate, i % 2 === 0 ? 'en-us' : 'en-gb'));
}

/** The person who talks over a reply. */
export function personSpeech(sampleRate: number): Int16Array {
  return speech('Wait, stop, I have a question about that.', sampleRate, 'en-us+m3');
}

export interface ConversationResult {
  mode: EchoMode;
  seconds: number;
  replies: number;
  /** speech_started from the energy VAD on what is sent, while only the assistant spoke. */
  selfInterruptions: number;
  /** Echo removed in steady state: raw mic vs sent, while a reply plays, after the first reply, dB. */
  erleDb: number;
  /** The same per reply (the first one included), to see convergence and drift. */
  perReplyErleDb: number[];
  /** Reply index of each self-interruption. */
  interruptedReplies: number[];
  /** Echo level reaching the server (sent RMS during replies), dBFS. */
  sentEchoDb: number;
  rawEchoDb: number;
  /** For each person-over-reply: speech_started after the talker began (ms), or undefined if never. */
  bargeInMs: (number | undefined)[];
  echoStatus: string;
  /** The echo stage's alignment counters at the end (logged by the engine on stop). */
  alignment: string;
}

/**
 * A conversation through the engine on real PortAudio streams with the echo path on: replies are
 * handed to the engine faster than real time (like a provider), an energy VAD stands in for the
 * server's, and its speech_started barges in (flush) as the controller would.
 */
export async function runConversation(options: {
  mode: EchoMode;
  seconds: number;
  /** Seconds into the conversation at which a person talks into the mic over a reply. */
  talkAtSeconds?: number[];
  thresholdDb?: number;
  /** The audio backend (default: the one this test pass runs, see audio-env.ts). */
  backend?: 'portaudio' | 'pulse';
  /** Sees how both streams reach the canceller (alignment measurements). */
  probe?: EchoProbe;
  /** Default: the CLI's (a spare pacat for pulse; none for PortAudio, whose spare is a Node host). */
  warmSparePlayer?: boolean;
}): Promise<ConversationResult> {
  const rate = 24_000;
  const replies = spokenReplies(REPLIES, rate);
  const person = personSpeech(rate);
  const vad = new EnergyVad({ sampleRate: rate, thresholdDb: options.thresholdDb ?? -45 });
  let raw = 0;
  let sent = 0;
  let rawSamples = 0;
  let isReplying = false;
  let isPersonTalking = false;
  let personStartedAtMs = 0;
  let replyIndex = 0;
  let warmedUp = false;
  const bargeInMs: (number | undefined)[] = [];
  let selfInterruptions = 0;
  const perReply: { raw: number; sent: number }[] = [];
  const interruptedReplies: number[] = [];
  let alignment = '';
  const note = (message: string): void => {
    if (message.startsWith('echo alignment: ')) alignment = message.slice('echo alignment: '.length);
  };
  const engine = createAudioEngine(
    {
      input: { kind: 'device' },
      output: { kind: 'device' },
      inputSampleRate: rate,
      outputSampleRate: rate,
      echo: { mode: options.mode, noiseSuppression: false },
    },
    {
      logger: { debug: () => {}, info: note, warn: note, error: note },
      warmSparePlayer: options.warmSparePlayer,
      backend: options.backend ?? AUDIO_BACKEND,
      observeEchoCanceller: options.probe?.wrap,
      onEchoFrames: (rawFrame, cleaned) => {
        if (!isReplying || isPersonTalking) return;
        let r = 0;
        let c = 0;
        for (let i = 0; i < rawFrame.length; i++) {
          r += (rawFrame[i] ?? 0) ** 2;
          c += (cleaned[i] ?? 0) ** 2;
        }
        const reply = (perReply[replyIndex - 1] ??= { raw: 0, sent: 0 });
        reply.raw += r;
        reply.sent += c;
        if (!warmedUp) return;
        raw += r;
        sent += c;
        rawSamples += rawFrame.length;
      },
    },
  );
  engine.onFrame((pcm) => {
    if (vad.push(pcm) !== 'started') return;
    if (isPersonTalking) {
      if (bargeInMs[bargeInMs.length - 1] === undefined)
        bargeInMs[bargeInMs.length - 1] = performance.now() - personStartedAtMs;
    } else if (isReplying) {
      selfInterruptions++;
      interruptedReplies.push(replyIndex - 1);
    }
    if (isReplying) {
      engine.flush();
      isReplying = false;
    }
  });
  await engine.start();
  const started = performance.now();
  const talks = [...(options.talkAtSeconds ?? [])];
  try {
    while (performance.now() - started < options.seconds * 1000) {
      const reply = replies[replyIndex % replies.length] ?? new Int16Array();
      const id = `r${replyIndex++}`;
      isReplying = true;
      // a provider delivers a reply up to several times faster than real time: 4x here
      for (let at = 0; at < reply.length && isReplying; at += rate / 10) {
        engine.play(reply.subarray(at, at + rate / 10), id);
        await sleep(25);
      }
      const replyEndsAt = performance.now() + (reply.length * 1000) / rate;
      while (isReplying && performance.now() < replyEndsAt + 200) {
        const talk = talks[0];
        if (talk !== undefined && performance.now() - started >= talk * 1000) {
          talks.shift();
          isPersonTalking = true;
          personStartedAtMs = performance.now();
          bargeInMs.push(undefined);
          void talkIntoMic(person, rate).then(() => (isPersonTalking = false));
        }
        await sleep(20);
      }
      isReplying = false;
      warmedUp = true;
      while (isPersonTalking) await sleep(20);
      await sleep(1500); // the user "thinks"; the far end is silence, fed as such
    }
  } finally {
    await engine.stop();
  }
  const status = engine.echoStatus?.();
  const db = (e: number) => 10 * Math.log10(Math.max(1, e / Math.max(1, rawSamples)) / 32768 ** 2);
  return {
    mode: options.mode,
    seconds: Math.round((performance.now() - started) / 1000),
    replies: replyIndex,
    selfInterruptions,
    erleDb: 10 * Math.log10(raw / Math.max(1, sent)),
    perReplyErleDb: perReply.map((r) => Math.round(10 * Math.log10(r.raw / Math.max(1, r.sent)))),
    interruptedReplies,
    rawEchoDb: db(raw),
    sentEchoDb: db(sent),
    bargeInMs,
    alignment,
    echoStatus:
      status === undefined ? 'off' : `${status.echo}${status.degradedReason ? ` (${status.degradedReason})` : ''}`,
  };
}
