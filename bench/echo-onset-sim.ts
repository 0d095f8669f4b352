// Offline: spoken replies separated by GAP_MS of silence, every other reply's echo delay STEP_MS
// longer (120 ms, -6 dB), through the product's local canceller (AEC3 + residual gate), far end fed
// exactly when played. Prints the level sent per 100 ms of each reply's start (COLS columns) and
// where an energy VAD (200 ms above -45 dBFS) would declare speech: each one a self-interruption.
// PERSON_AT=ms puts the rig's person that far into reply 3 (PERSON_GAIN_DB louder) and prints how
// long until the VAD heard them. `npx tsx bench/echo-onset-sim.ts`. Not a test.
import { createEchoCanceller } from '../src/audio/echo/create-echo-canceller.js';
import { personSpeech, SHORT_REPLIES, spokenReplies } from '../test/audio/echo-rig.js';
import { EnergyVad } from '../test/support/energy-vad.js';
import { energy, mix, repliesWithEcho } from '../test/support/synthetic-echo.js';

const rate = 24_000;
const frame = rate / 100;
const stepMs = Number(process.env['STEP_MS'] ?? 0);
const gapMs = Number(process.env['GAP_MS'] ?? 1800);
const spoken = spokenReplies(SHORT_REPLIES, rate);
const delayOf = (reply: number): number => 120 + (reply % 2 === 0 ? 0 : stepMs);
const { far, echo, starts } = repliesWithEcho(
  Array.from({ length: 8 }, (_, i) => spoken[i % spoken.length] as Int16Array),
  {
    leadSamples: rate,
    gapSamples: Math.round((gapMs * rate) / 1000),
    pathOf: (i) => ({ sampleRate: rate, delayMs: delayOf(i), gainDb: -6, tailMs: 0 }),
  },
);
// a person talks PERSON_AT ms after the onset of reply 3 (none without it)
const personAtMs = process.env['PERSON_AT'] === undefined ? undefined : Number(process.env['PERSON_AT']);
const personStart = personAtMs === undefined ? undefined : (starts[3] ?? 0) + Math.round((personAtMs * rate) / 1000);
const personTrack = new Int16Array(far.length);
if (personStart !== undefined) {
  const gain = 10 ** (Number(process.env['PERSON_GAIN_DB'] ?? 0) / 20);
  personTrack.set(
    personSpeech(rate)
      .map((x) => Math.max(-32768, Math.min(32767, Math.round(x * gain))))
      .subarray(0, far.length - personStart),
    personStart,
  );
}
const mic = mix(echo, personTrack);

const { canceller } = createEchoCanceller(
  { mode: 'local', noiseSuppression: false },
  { farRate: rate, nearRate: rate },
);
if (canceller === undefined) throw new Error('no canceller');
const out = new Int16Array(mic.length);
for (let f = 0; (f + 1) * frame <= mic.length; f++) {
  canceller.farEnd(far.subarray(f * frame, (f + 1) * frame));
  out.set(canceller.nearEnd(mic.subarray(f * frame, (f + 1) * frame)), f * frame);
}
canceller.dispose();

const levelDb = (x: Int16Array, from: number, to: number): number =>
  10 * Math.log10(Math.max(1e-9, energy(x, from, to) / (to - from)) / 32768 ** 2);
const block = rate / 10;
for (const [i, start] of starts.entries()) {
  const cells = Array.from({ length: Number(process.env['COLS'] ?? 14) }, (_, k) =>
    levelDb(out, start + k * block, start + (k + 1) * block)
      .toFixed(0)
      .padStart(5),
  );
  const rawDb = levelDb(mic, start + 2 * block, start + 8 * block).toFixed(0);
  console.log(`reply ${i} delay ${delayOf(i)} ms: sent per 100 ms ${cells.join('')}   raw echo ${rawDb}`);
}
const vad = new EnergyVad({ sampleRate: rate, thresholdDb: -45 });
const speechStarts: number[] = [];
for (let f = 0; (f + 1) * 2 * frame <= out.length; f++) {
  if (vad.push(out.subarray(f * 2 * frame, (f + 1) * 2 * frame)) === 'started') speechStarts.push((f + 1) * 2 * frame);
}
const msOf = (samples: number): string => `${((samples * 1000) / rate).toFixed(0)} ms`;
const where = speechStarts.map((x) => {
  const reply = starts.findLastIndex((start) => start <= x);
  return `${msOf(x - (starts[reply] ?? 0))} into reply ${reply}`;
});
const person =
  personStart === undefined ? '' : `; after the person: ${speechStarts.map((x) => msOf(x - personStart)).join(' ')}`;
console.log(`speech starts: ${speechStarts.length}${where.length > 0 ? ` at ${where.join(', ')}` : ''}${person}`);
