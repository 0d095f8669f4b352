// Offline: an echo path whose delay jumps, through the echo stage with real AEC3 (not a test).
// `npx tsx bench/echo-jump-sim.ts` prints ERLE per second around jumps.
import { createEchoCanceller } from '../src/audio/echo/create-echo-canceller.js';
import { EchoStage } from '../src/audio/echo/echo-stage.js';
import { speechLike } from '../test/support/synthetic-echo.js';

const rate = 24_000;
const seconds = 30;
const far = speechLike({ sampleRate: rate, seconds, seed: 7, pitchHz: 180 });
// echo delay: 120 ms, 20 ms longer from 10 s, 15 ms shorter than that from 20 s
const [j1, j2] = (process.env['JUMPS'] ?? '140,125').split(',').map(Number);
const delayAt = (s: number) => (s < 10 * rate ? 120 : s < 20 * rate ? j1! : j2!);
const gain = 10 ** (-6 / 20);
const mic = new Int16Array(far.length);
for (let i = 0; i < far.length; i++) {
  const d = Math.round((delayAt(i) * rate) / 1000);
  mic[i] = Math.round((far[i - d] ?? 0) * gain);
}
const { canceller } = createEchoCanceller(
  { mode: process.env['MODE'] === 'gate' ? 'gate' : 'local', noiseSuppression: false },
  { farRate: rate, nearRate: rate },
);
if (canceller === undefined) throw new Error('no canceller');
const stage = new EchoStage({ canceller, farRate: rate, nearRate: rate, sinkRate: rate });
stage.played(far, 'r');
const t0 = 1000;
const frame = rate / 50;
const out = new Int16Array(mic.length);
for (let f = 0; (f + 1) * frame <= mic.length; f++) {
  const arrival = t0 + ((f + 1) * frame * 1000) / rate + 2;
  const cleaned = stage.process(mic.subarray(f * frame, (f + 1) * frame), arrival, (_id, atMs) =>
    Math.max(0, Math.min(far.length, Math.floor(((atMs - t0) * rate) / 1000))),
  );
  out.set(cleaned, f * frame);
}
const erle: string[] = [];
for (let s = 0; s < seconds; s++) {
  let a = 0;
  let b = 0;
  for (let i = s * rate; i < (s + 1) * rate; i++) {
    a += (mic[i] ?? 0) ** 2;
    b += (out[i] ?? 0) ** 2;
  }
  erle.push((10 * Math.log10(a / Math.max(1, b))).toFixed(0));
}
console.log('ERLE per second:', erle.join(' '));
console.log('alignment:', JSON.stringify(stage.alignment));
stage.dispose();
