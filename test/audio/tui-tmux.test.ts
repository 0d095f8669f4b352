import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { loadBidiTrace } from '../support/traces.js';
import { BIN, REPO_ROOT } from '../support/run-cli.js';
import { ensureAudioDevices, sleep, AUDIO_BACKEND, SPEAKER } from './audio-env.js';
import { loadLivekitApm } from '../../src/audio/echo/livekit-apm-loader.js';

const problem = ensureAudioDevices();
const SESSION = `vc-tui-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-t', SESSION);

async function until(check: (s: string) => boolean, timeoutMs: number): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = screen();
    if (check(last)) return last;
    await sleep(50);
  }
  throw new Error(`screen never matched; last screen:\n${last}`);
}

describe.skipIf(problem !== undefined)(
  `interactive TUI in a real terminal (tmux), real devices (${AUDIO_BACKEND})`,
  () => {
    let server: ReplayServer;
    let dir: string;
    const trace = loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response');
    beforeAll(async () => {
      server = await startReplayServer({
        trace,
        dialect: 'openai',
        toneHz: 440,
        audioPace: 1,
        audioGateMs: 800,
        gateTimeoutMs: 20_000,
      });
      dir = mkdtempSync(join(tmpdir(), 'vc-tmux-'));
      execFileSync('bash', [
        '-c',
        `espeak-ng -v en-us -s 150 -w ${dir}/speech.wav "Hello, my name is Marcelo. How are you today?"`,
      ]);
    });
    afterAll(async () => {
      try {
        tmux('kill-session', '-t', SESSION);
      } catch {
        // already gone
      }
      await server.close();
    });

    it('shows the header, streams the transcript, moves the mic meter, and quits cleanly on q', async () => {
      const env = ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR']
        .map((k) => `${k}='${process.env[k] ?? ''}'`)
        .join(' ');
      const command =
        `cd ${REPO_ROOT} && stty sane && env -u CI -u CONTINUOUS_INTEGRATION ${env} OPENAI_API_KEY=sk-test-TMUX-KEY-424242 TERM=xterm-256color ` +
        `node ${BIN} --endpoint ${server.httpBase}/v1 --input-device vc_mic --output-device ${SPEAKER} ` +
        `--audio-backend ${AUDIO_BACKEND} --echo-cancellation local --record ${dir}/rec; ` +
        `echo "EXIT=$?"; stty -a > ${dir}/stty.txt; sleep 60`;
      tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', command);
      await until((s) => s.includes('● connected'), 15_000);
      const header = screen();
      expect(header).toContain('voicechat OpenAI Realtime · gpt-realtime · voice marin');
      // the echo mode that runs (AEC3 where the library loads, else the gate) and the backend
      const echo = loadLivekitApm().ok ? 'local' : 'gate';
      await until((s) => s.includes(`echo: ${echo} · ${AUDIO_BACKEND}  ● connected`), 5000);

      // speak into the virtual microphone and watch the mic meter move
      const player = spawn('paplay', ['--device=vc_mic_bus', `${dir}/speech.wav`], { stdio: 'ignore' });
      const micLine = await until((s) => /mic\s+█{3,}/.test(s), 10_000);
      expect(micLine).toMatch(/mic\s+█+.*-\s?\d+ dB/);
      await new Promise((r) => player.once('exit', r));

      const reply = trace.find((l) => l.event['type'] === 'response.output_audio_transcript.done')!.event[
        'transcript'
      ] as string;
      const withReply = await until((s) => s.includes(reply.slice(0, 30)), 20_000);
      expect(withReply).toMatch(/ai\s+/);
      expect(withReply).toContain('Hello, my name is Marcelo.');

      const quitAt = Date.now();
      tmux('send-keys', '-t', SESSION, 'q');
      const after = await until((s) => s.includes('EXIT='), 5000);
      const quitMs = Date.now() - quitAt;
      expect(after).toContain('EXIT=0');
      expect(quitMs).toBeLessThan(1500);
      console.log(`quit took ${quitMs} ms (including the 50 ms screen polling)`);
      for (let i = 0; i < 20 && !existsSync(`${dir}/stty.txt`); i++) await sleep(50);
      const stty = readFileSync(`${dir}/stty.txt`, 'utf8');
      // the terminal is back in cooked mode with echo
      expect(stty).toMatch(/(^|\s)icanon(\s|$)/);
      expect(stty).toMatch(/(^|\s)echo(\s|$)/);
      // the recording says which echo mode ran, on which backend
      const events = readFileSync(`${dir}/rec/events.jsonl`, 'utf8')
        .split('\n')
        .filter((l) => l.includes('"audio.ready"'))
        .map((l) => (JSON.parse(l) as { event: Record<string, unknown> }).event);
      expect(events).toEqual([{ type: 'audio.ready', echo, noiseSuppression: false, backend: AUDIO_BACKEND }]);
    });
  },
);
