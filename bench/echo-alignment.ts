// Far-end placement through the devices (not a test): `npx tsx bench/echo-alignment.ts [portaudio|pulse] [seconds]`.
// Runs the echo rig's conversation with local AEC3 and prints, per 1 s window of loud far end, the
// render-to-capture delay the canceller saw: a steady delay is what AEC3 needs.
// TALK=<s>: a person talks over a reply at that second (a flush: a new output stream); ADJ=<s>: the
// echo loopback's adjust_time (0 = no rate adaptation).
import { ensureAudioDevices } from '../test/audio/audio-env.js';
import { loadEchoPath, runConversation } from '../test/audio/echo-rig.js';
import { EchoProbe, lagSummary } from '../test/support/echo-probe.js';

export async function measureAlignment(backend: 'portaudio' | 'pulse', seconds: number) {
  const probe = new EchoProbe();
  const talkAtSeconds = process.env['TALK'] === undefined ? [] : [Number(process.env['TALK'])];
  const result = await runConversation({ mode: 'local', seconds, backend, probe, talkAtSeconds });
  const { windows: lags, medianMs, spreadMs } = lagSummary(probe.streams(), 24_000);
  const values = lags.map((w) => w.lagMs).sort((a, b) => a - b);
  return {
    pairing: probe.pairing(240),
    result,
    lags,
    spreadMs,
    medianMs,
    minMs: values[0],
    maxMs: values[values.length - 1],
  };
}

if (process.argv[1]?.endsWith('echo-alignment.ts')) {
  const problem = ensureAudioDevices();
  if (problem !== undefined) throw new Error(problem);
  const backend = process.argv[2] === 'pulse' ? 'pulse' : 'portaudio';
  const seconds = Number(process.argv[3] ?? 40);
  const path = loadEchoPath({
    latencyMs: 120,
    gainDb: -6,
    adjustTimeS: process.env['ADJ'] === undefined ? undefined : Number(process.env['ADJ']),
  });
  try {
    const m = await measureAlignment(backend, seconds);
    console.log(m.lags.map((w) => `${w.atS.toFixed(0)}s:${w.lagMs.toFixed(1)}(${w.score.toFixed(2)})`).join(' '));
    console.log(
      'pairing',
      JSON.stringify(
        m.pairing
          .filter((p, i, a) => i === 0 || Math.abs(p.offsetFrames - (a[i - 1]?.offsetFrames ?? 0)) > 0)
          .slice(0, 80)
          .map((p) => `${p.atS.toFixed(2)}:${p.offsetFrames}`)
          .join(' '),
      ),
    );
    console.log(
      JSON.stringify({
        backend,
        replies: m.result.replies,
        selfInterruptions: m.result.selfInterruptions,
        erleDb: m.result.erleDb.toFixed(1),
        perReply: m.result.perReplyErleDb,
        medianMs: m.medianMs,
        spreadMs: m.spreadMs,
        minMs: m.minMs,
        maxMs: m.maxMs,
        alignment: m.result.alignment,
      }),
    );
  } finally {
    path.unload();
  }
}
