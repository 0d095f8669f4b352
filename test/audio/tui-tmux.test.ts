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
const screen = (session = SESSION): string => tmux('capture-pane', '-p', '-t', session);

async function until(check: (s: string) => boolean, timeoutMs: number, session = SESSION): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = screen(session);
    if (check(last)) return last;
    await sleep(50);
  }
  throw new Error(`screen never matched; last screen:\n${last}`);
}

/**
 * Where the meter rows are not right, or undefined: the meters are drawn beside Ink (straight into
 * two rows its frame leaves blank), so they must sit exactly above the status bar, once each,
 * never wrapped, never left behind elsewhere on the screen.
 */
function meterRowsWrong(s: string, columns: number): string | undefined {
  const lines = s.split('\n').map((l) => l.trimEnd());
  const status = lines.findLastIndex((l) => l.includes('? help'));
  if (status < 2) return 'no status bar';
  if (!/^mic [█│·]+ +(-∞|-?\d+) dB/.test(lines[status - 2]!)) return `mic row is ${JSON.stringify(lines[status - 2])}`;
  if (!/^spk [█│·]+ +(-∞|-?\d+) dB/.test(lines[status - 1]!)) return `spk row is ${JSON.stringify(lines[status - 1])}`;
  if (lines.filter((l) => /^(mic|spk) /.test(l)).length !== 2) return 'a meter row is drawn twice';
  if (lines.filter((l) => /[█│·]{5,}/.test(l)).length > 2) return 'bar cells outside the meter rows';
  const widest = Math.max(...lines.map((l) => [...l].length));
  if (widest > columns) return `a line is ${widest} columns wide`;
  return undefined;
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

    it('keeps the moving meters in their rows through the help, typing and resizes', async () => {
      const session = `${SESSION}-meters`;
      const env = ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR']
        .map((k) => `${k}='${process.env[k] ?? ''}'`)
        .join(' ');
      tmux(
        'new-session',
        '-d',
        '-s',
        session,
        '-x',
        '100',
        '-y',
        '30',
        `cd ${REPO_ROOT} && env -u CI -u CONTINUOUS_INTEGRATION ${env} OPENAI_API_KEY=sk-test-TMUX-KEY-424242 TERM=xterm-256color ` +
          `node ${BIN} --endpoint ${server.httpBase}/v1 --input-device vc_mic --output-device ${SPEAKER} ` +
          `--audio-backend ${AUDIO_BACKEND} --echo-cancellation off; sleep 60`,
      );
      // noise into the microphone all along: the meters redraw ten times a second
      const noise = spawn(
        'bash',
        [
          '-c',
          'sox -n -r 48000 -c 1 -b 16 -t raw - synth 40 pinknoise vol 0.2 | ' +
            'pacat --device=vc_mic_bus --raw --rate=48000 --channels=1 --format=s16le',
        ],
        { stdio: 'ignore', detached: true },
      );
      try {
        await until((s) => s.includes('● connected'), 15_000, session);
        await until((s) => /mic\s+█{3,}/.test(s), 10_000, session);
        /** Several screens in a row, while the meters move and Ink redraws its clock. */
        const steady = async (what: string, columns: number): Promise<void> => {
          const seen = new Set<string>();
          for (let i = 0; i < 12; i++) {
            const s = screen(session);
            const wrong = meterRowsWrong(s, columns);
            if (wrong !== undefined) throw new Error(`${what}: ${wrong}\n${s}`);
            seen.add(s.split('\n').find((l) => l.startsWith('mic '))!);
            await sleep(100);
          }
          // the overlay kept drawing: the mic row changed within the 1.2 s
          expect(seen.size, what).toBeGreaterThan(1);
        };
        await steady('moving meters', 100);
        tmux('send-keys', '-t', session, '?');
        await until((s) => s.includes('push-to-talk'), 3000, session);
        await steady('with the help shown', 100);
        tmux('send-keys', '-t', session, '?');
        await until((s) => !s.includes('push-to-talk'), 3000, session);
        await steady('help closed', 100);
        tmux('send-keys', '-t', session, 't');
        await until((s) => s.includes('›'), 3000, session);
        await steady('typing', 100);
        tmux('send-keys', '-t', session, 'Escape');
        await until((s) => !s.includes('›'), 3000, session);
        tmux('resize-window', '-t', session, '-x', '70', '-y', '24');
        await sleep(500);
        await steady('narrowed to 70 columns', 70);
        tmux('resize-window', '-t', session, '-x', '120', '-y', '30');
        await sleep(500);
        await steady('widened to 120 columns', 120);
        // 40 bar cells at 120 columns, 34 at 70
        expect(screen(session)).toMatch(/^mic [█│·]{40} /m);
      } finally {
        if (noise.pid !== undefined) process.kill(-noise.pid);
        try {
          tmux('kill-session', '-t', session);
        } catch {
          // already gone
        }
      }
    });
  },
);
