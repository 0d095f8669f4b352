import type { Logger } from '../core/log.js';
import type { AudioEngine } from '../audio/engine-types.js';
import type { OneShotPlayer } from './oneshot.js';

/**
 * Plays one-shot reply audio on the speaker. The output stream opens on the first audio (its
 * rate is the session's), and `finish` waits until everything has played.
 */
export async function createSpeakerPlayer(device: string | undefined, log: Logger): Promise<OneShotPlayer> {
  const { createAudioEngine } = await import('../audio/engine.js');
  let engine: AudioEngine | undefined;
  let ready: Promise<void> | undefined;
  const pending: { pcm: Int16Array; responseId: string }[] = [];
  let failure: Error | undefined;
  let opened = false;
  return {
    play(pcm, responseId, sampleRate) {
      if (engine === undefined) {
        const created = createAudioEngine(
          {
            input: { kind: 'none' },
            output: { kind: 'device', device },
            inputSampleRate: sampleRate,
            outputSampleRate: sampleRate,
          },
          { logger: log },
        );
        engine = created;
        ready = created.start().then(
          () => {
            opened = true;
            for (const p of pending.splice(0)) created.play(p.pcm, p.responseId);
          },
          (error: unknown) => {
            failure = error instanceof Error ? error : new Error(String(error));
          },
        );
      }
      if (failure !== undefined) return;
      if (!opened) pending.push({ pcm, responseId });
      else engine.play(pcm, responseId);
    },
    async finish() {
      if (engine === undefined) return;
      await ready;
      if (failure !== undefined) throw failure;
      await engine.drain();
      await engine.stop();
    },
  };
}
