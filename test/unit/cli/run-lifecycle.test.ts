import { afterEach, describe, expect, it, vi } from 'vitest';
import { Controller } from '../../../src/core/controller.js';
import { ExitCode, VoicechatError } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/log.js';
import { NullAudio } from '../../../src/core/null-audio.js';
import type { Recorder } from '../../../src/record/recorder.js';
import { RunLifecycle } from '../../../src/modes/run-lifecycle.js';
import { FakeSession } from '../../support/fakes.js';

/** A session whose connect fails after telling its listeners, as a refused upgrade does. */
class RefusingSession extends FakeSession {
  override connect(): Promise<void> {
    this.emit({ type: 'status', status: 'error', detail: 'refused' });
    this.emit({ type: 'error', error: { message: 'closed while connecting', fatal: true } });
    return Promise.reject(new VoicechatError('HTTP 401 from the endpoint', ExitCode.auth));
  }
}

function setup(session = new FakeSession()) {
  const controller = new Controller({
    session,
    engine: new NullAudio(),
    tools: undefined,
    vad: 'server',
    log: silentLogger,
  });
  const recorder = {
    closed: 0,
    close() {
      this.closed += 1;
    },
  };
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const lifecycle = new RunLifecycle({ controller, recorder: recorder as unknown as Recorder });
  return { session, controller, recorder, stderr, lifecycle };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RunLifecycle: one lifecycle for every conversation', () => {
  it('ends with the outcome given, then stops, closes the recording and prints the latency summary', async () => {
    const { session, recorder, stderr, lifecycle } = setup();
    let sent = 0;
    const run = lifecycle.run(() => {
      sent += 1;
      lifecycle.finish(ExitCode.ok);
      lifecycle.finish(ExitCode.interrupted); // first outcome wins
    });
    await expect(run).resolves.toBe(ExitCode.ok);
    expect(sent).toBe(1);
    expect(session.methods()).toEqual(['connect', 'close']);
    expect(recorder.closed).toBe(1);
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('latency: no measured turns');
  });

  it('Ctrl+C and SIGTERM end the run with 130 and still clean up (headless used to exit from its handler)', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const { session, recorder, lifecycle } = setup();
      const run = lifecycle.run(() => process.emit(signal));
      await expect(run).resolves.toBe(ExitCode.interrupted);
      expect(session.methods()).toContain('close');
      expect(recorder.closed).toBe(1);
      expect(process.listenerCount(signal)).toBe(0);
    }
  });

  it('a fatal session error ends the run with its exit code', async () => {
    const { session, lifecycle } = setup();
    const run = lifecycle.run(() =>
      session.emit({ type: 'error', error: { message: 'server gone', fatal: true, exitCode: ExitCode.temporary } }),
    );
    await expect(run).rejects.toMatchObject({ message: 'server gone', exitCode: ExitCode.temporary });
  });

  it('a failed connect is reported as itself, not as the events it emitted on the way', async () => {
    const { recorder, stderr, lifecycle } = setup(new RefusingSession());
    let sent = false;
    await expect(lifecycle.run(() => (sent = true))).rejects.toMatchObject({ exitCode: ExitCode.auth });
    expect(sent).toBe(false);
    expect(recorder.closed).toBe(1);
    // a run that never started has no latency to report
    expect(stderr.mock.calls.map((c) => String(c[0])).join('')).not.toContain('latency');
  });
});

describe('NullAudio', () => {
  it('counts reply audio as played at once: one playback start per response, nothing to flush or drain', async () => {
    const audio = new NullAudio();
    const started: string[] = [];
    audio.onPlaybackStarted((id) => started.push(id));
    await audio.start();
    audio.play(new Int16Array(240), 'r1');
    audio.play(new Int16Array(240), 'r1');
    audio.play(new Int16Array(240), 'r2');
    expect(started).toEqual(['r1', 'r2']);
    expect(audio.flush()).toEqual([]);
    await expect(audio.drain()).resolves.toBeUndefined();
    await audio.stop();
  });
});
