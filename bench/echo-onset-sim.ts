// Offline: spoken replies separated by GAP_MS of silence, every other reply's echo delay STEP_MS
// longer (120 ms, -6 dB), through the product's local canceller (AEC3 + residual gate), far end fed
// exactly when played. Prints the level sent per 100 ms of each reply's start (COLS columns) and
// where an energy VAD (200 ms above -45 dBFS) would declare speech: each one a self-interruption.
// PERSON_AT=ms puts the rig's person that far into reply 3 (PERSON_GAIN_DB louder) and prints how
// long until the VAD heard them. `npx tsx bench/echo-onset-sim.ts`. Not a test.
import { createEchoCanceller } from '../src/audio/echo/create-echo-canceller.js';
import { personSpeech, SHORT_REPLIES, spokenReplies } from '../test/audio/echo-rig.js';
import { EnergyVad } from '../test/support/energy-vad.js';

const rate = 24_000;
const frame = rate / 100;
const stepMs = Number(process.env['STEP_MS'] ?? 0);
const gapMs = Number(process.env['GAP_MS'] ?? 1800);
const replies = spokenReplies(SHORT_REPLIES, rate);
const parts: { start: number; delayMs: number }[] = [];
const chunks: Int16Array[] = [];
let at = rate; // 1 s of silence first
for (let i = 0; i < 8; i++) {
  const reply = replies[i % replies.length] as Int16Array;
  parts.push({ start: at, delayMs: 120 + (i % 2 === 0 ? 0 : stepMs) + (process.env['DRIFT'] ? i * 4 : 0) });
  chunks.push(reply);
  at += reply.length + Math.round((gapMs * rate) / 1000);
}
const far = new Int16Array(at + rate);
parts.forEach((p, i) => far.set(chunks[i] as Int16Array, p.start));
const gain = 10 ** (-6 / 20);
const mic = new Int16Array(far.length);
for (let i = 0; i < far.length; i++) {
  const part = [...parts].reverse().find((p) => p.start <= i) ?? parts[0];
  const d = Math.round(((part?.delayMs ?? 120) * rate) / 1000);
  mic[i] = Math.round((far[i - d] ?? 0) * gain);
}
// a person talks PERSON_AT ms after the onset of reply 3 (none without it)
const personAtMs = process.env['PERSON_AT'] === undefined ? undefined : Number(process.env['PERSON_AT']);
let personStart: number | undefined;
if (personAtMs !== undefined) {
  const person = personSpeech(rate);
  const personGain = 10 ** (Number(process.env['PERSON_GAIN_DB'] ?? 0) / 20);
  personStart = (parts[3]?.start ?? 0) + Math.round((personAtMs * rate) / 1000);
  for (let i = 0; i < person.length && personStart + i < mic.length; i++)
    mic[personStart + i] = Math.max(
      -32768,
      Math.min(32767, (mic[personStart + i] ?? 0) + (person[i] ?? 0) * personGain),
    );
}
const { canceller } = createEchoCanceller(
  { mode: process.env['MODE'] === 'gate' ? 'gate' : 'local', noiseSuppression: false },
  { farRate: rate, nearRate: rate },
);
if (canceller === undefined) throw new Error('no canceller');
const out = new Int16Array(mic.length);
for (let f = 0; (f + 1) * frame <= mic.length; f++) {
  canceller.farEnd(far.subarray(f * frame, (f + 1) * frame));
  out.set(canceller.nearEnd(mic.subarray(f * frame, (f + 1) * frame)), f * frame);
}
const db = (x: Int16Array, a: number, b: number): number => {
  let e = 0;
  for (let i = a; i < b; i++) e += (x[i] ?? 0) ** 2;
  return 10 * Math.log10(Math.max(1e-9, e / (b - a)) / 32768 ** 2);
};
for (const [i, p] of parts.entries()) {
  const w = rate / 10;
  const cells: string[] = [];
  for (let k = 0; k < Number(process.env['COLS'] ?? 14); k++)
    cells.push(
      db(out, p.start + k * w, p.start + (k + 1) * w)
        .toFixed(0)
        .padStart(5),
    );
  console.log(
    `reply ${i} delay ${p.delayMs} ms: sent per 100 ms ${cells.join('')}   raw echo ${db(mic, p.start + w * 2, p.start + w * 8).toFixed(0)}`,
  );
}
const vad = new EnergyVad({ sampleRate: rate, thresholdDb: -45 });
const starts: number[] = [];
for (let f = 0; (f + 1) * 2 * frame <= out.length; f++) {
  if (vad.push(out.subarray(f * 2 * frame, (f + 1) * 2 * frame)) === 'started') starts.push((f + 1) * 2 * frame);
}
const fmt = (x: number): string => `${(((x - (personStart ?? 0)) * 1000) / rate).toFixed(0)} ms`;
console.log(
  `speech starts: ${starts.length} at ${starts
    .map((x) => {
      const p = [...parts].reverse().find((q) => q.start <= x);
      return (((x - (p?.start ?? 0)) * 1000) / rate).toFixed(0) + ' ms into reply ' + parts.indexOf(p!);
    })
    .join(', ')}; ${personStart === undefined ? '' : 'relative to the person: ' + starts.map(fmt).join(' ')}`,
);
canceller.dispose();
