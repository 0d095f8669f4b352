/**
 * Synthetic signals for echo-canceller tests: a speech-like talker (voiced harmonics with a wandering
 * pitch, syllable envelope and pauses, a little breath noise) and an echo path (delay, gain, sparse
 * reverberation tail). Deterministic: seeded.
 */

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TalkerOptions {
  sampleRate: number;
  seconds: number;
  seed: number;
  /** Mean pitch (a man ~120 Hz, a woman ~210 Hz). */
  pitchHz: number;
  /** Peak level of the voiced parts, dBFS. */
  levelDb?: number;
  /** Fraction of syllables replaced by pauses. */
  pauseRatio?: number;
}

export function speechLike(options: TalkerOptions): Int16Array {
  const { sampleRate, seconds, pitchHz } = options;
  const random = seededRandom(options.seed);
  const amplitude = 32767 * 10 ** ((options.levelDb ?? -12) / 20);
  const out = new Int16Array(Math.round(sampleRate * seconds));
  let phase = 0;
  let syllableLeft = 0;
  let syllableLength = 1;
  let isVoiced = true;
  let isFricative = false;
  let noiseState = 0;
  let pitch = pitchHz;
  let formant = 1;
  for (let i = 0; i < out.length; i++) {
    if (syllableLeft <= 0) {
      syllableLength = Math.round(sampleRate * (0.12 + random() * 0.18));
      syllableLeft = syllableLength;
      isVoiced = random() >= (options.pauseRatio ?? 0.2);
      // about one syllable in four starts or is a fricative: broadband noise, as in real speech
      isFricative = random() < 0.25;
      pitch = pitchHz * (0.85 + random() * 0.3);
      formant = 2 + Math.floor(random() * 4);
    }
    const position = 1 - syllableLeft / syllableLength;
    const envelope = isVoiced ? Math.sin(Math.PI * position) ** 0.7 : 0;
    syllableLeft--;
    pitch *= 1 + (random() - 0.5) * 0.0004;
    phase += (2 * Math.PI * pitch) / sampleRate;
    let voiced = 0;
    for (let h = 1; h <= 12; h++) {
      if (h * pitch > sampleRate / 2 - 200) break;
      // a crude formant: harmonics near `formant` are strongest
      voiced += Math.sin(h * phase) / (1 + Math.abs(h - formant));
    }
    // high-passed noise (a first-difference) for the fricative, a little breath otherwise
    const white = random() - 0.5;
    const hiss = white - noiseState;
    noiseState = white;
    const noise = isFricative && position < 0.4 ? hiss * 1.2 : white * 0.15;
    const tone = isFricative && position < 0.4 ? 0.2 : 1;
    out[i] = Math.round(Math.max(-32767, Math.min(32767, amplitude * envelope * ((tone * voiced) / 3 + noise))));
  }
  return out;
}

export interface EchoPathOptions {
  sampleRate: number;
  delayMs: number;
  gainDb: number;
  /** Reverberation tail length; 0 for a pure delay. */
  tailMs?: number;
  seed?: number;
}

/** The far end as a microphone would hear it through a room: delayed, attenuated, reverberated. */
export function echoOf(far: Int16Array, options: EchoPathOptions): Int16Array {
  const random = seededRandom(options.seed ?? 7);
  const delay = Math.round((options.delayMs * options.sampleRate) / 1000);
  const gain = 10 ** (options.gainDb / 20);
  const taps: { at: number; gain: number }[] = [{ at: delay, gain }];
  const tail = Math.round(((options.tailMs ?? 120) * options.sampleRate) / 1000);
  for (let k = 0; k < 40 && tail > 0; k++) {
    const at = Math.floor(random() * tail);
    taps.push({ at: delay + 1 + at, gain: gain * 0.35 * Math.exp(-at / (tail / 3)) * (random() < 0.5 ? -1 : 1) });
  }
  const out = new Float64Array(far.length);
  for (const tap of taps)
    for (let i = tap.at; i < far.length; i++) out[i] = (out[i] ?? 0) + (far[i - tap.at] ?? 0) * tap.gain;
  return Int16Array.from(out, (v) => Math.round(Math.max(-32768, Math.min(32767, v))));
}

/**
 * Replies one after another, `gapSamples` of silence after each (and `leadSamples` before the
 * first), each heard through its own echo path (`pathOf(i)`): a play-to-capture delay that steps
 * between replies, as each reply lands on the echo's timeline with its own error. `starts` are the
 * replies' first samples.
 */
export function repliesWithEcho(
  replies: readonly Int16Array[],
  options: { leadSamples: number; gapSamples: number; pathOf: (reply: number) => EchoPathOptions },
): { far: Int16Array; echo: Int16Array; starts: number[] } {
  const starts: number[] = [];
  let length = options.leadSamples;
  for (const reply of replies) {
    starts.push(length);
    length += reply.length + options.gapSamples;
  }
  const far = new Int16Array(length);
  const echo = new Int16Array(length);
  replies.forEach((reply, i) => {
    const start = starts[i] ?? 0;
    far.set(reply, start);
    // the reply's echo rings into the gap after it
    const withGap = new Int16Array(reply.length + options.gapSamples);
    withGap.set(reply);
    echo.set(echoOf(withGap, options.pathOf(i)), start);
  });
  return { far, echo, starts };
}

export function mix(...signals: Int16Array[]): Int16Array {
  const length = Math.max(...signals.map((s) => s.length));
  const out = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    let v = 0;
    for (const s of signals) v += s[i] ?? 0;
    out[i] = Math.max(-32768, Math.min(32767, v));
  }
  return out;
}

export function energy(pcm: Int16Array, from = 0, to = pcm.length): number {
  let e = 0;
  for (let i = from; i < to; i++) e += (pcm[i] ?? 0) ** 2;
  return e;
}

/** Echo return loss enhancement: how much quieter the output is than the echo that went in, dB. */
export function erleDb(echo: Int16Array, cleaned: Int16Array, from: number, to: number): number {
  return 10 * Math.log10(energy(echo, from, to) / Math.max(1, energy(cleaned, from, to)));
}
