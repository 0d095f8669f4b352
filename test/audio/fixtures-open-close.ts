// Spawned by host.test.ts: drives the engine (capture + playback + flush) and must print nothing
// to stdout, although naudiodon printf()s there in every host process.
import { createAudioEngine } from '../../src/audio/engine.js';

const engine = createAudioEngine({
  input: { kind: 'device', device: 'vc_mic' },
  output: { kind: 'device', device: 'vc_speaker' },
  inputSampleRate: 16000,
  outputSampleRate: 24000,
});
await engine.start();
engine.play(
  new Int16Array(24000).map((_, i) => Math.round(8000 * Math.sin(i / 10))),
  'r',
);
await new Promise((r) => setTimeout(r, 300));
engine.flush();
engine.play(new Int16Array(4800), 'r2');
await engine.drain();
await engine.stop();
process.exit(0);
