// CPU of the TUI process while the meters move: the TUI in tmux against a replay server, noise
// into the virtual microphone (the mic meter moves on every frame), /proc/<pid>/stat read at the
// start and the end of a window. `npx tsx bench/tui-cpu.ts [--seconds 30] [--backend pulse]`
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startReplayServer } from '../test/support/replay-server.js';
import { loadBidiTrace } from '../test/support/traces.js';
import { BIN, REPO_ROOT } from '../test/support/run-cli.js';

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
};
const seconds = Number(arg('seconds', '30'));
const backend = arg('backend', 'pulse');
const speaker = backend === 'pulse' ? 'vc_out' : 'vc_speaker';
const SESSION = `vc-tui-cpu-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const TICKS = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line (11 and 12 after "pid (comm) ")
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

const server = await startReplayServer({
  trace: loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response'),
  dialect: 'openai',
  // never answer: the run is about the meters, not the transcript
  gateTimeoutMs: 600_000,
  audioGateMs: 600_000,
});
const env = ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR']
  .map((k) => `${k}='${process.env[k] ?? ''}'`)
  .join(' ');
tmux(
  'new-session',
  '-d',
  '-s',
  SESSION,
  '-x',
  '100',
  '-y',
  '30',
  `cd ${REPO_ROOT} && exec env -u CI ${env} OPENAI_API_KEY=sk-test-CPU-1 TERM=xterm-256color node ${BIN} ` +
    `--endpoint ${server.httpBase}/v1 --input-device vc_mic --output-device ${speaker} --audio-backend ${backend} --echo-cancellation off`,
);
const pid = Number(tmux('display-message', '-p', '-t', SESSION, '#{pane_pid}').trim());
// noise at about -20 dBFS into the microphone for the whole window
const noise = spawn(
  'bash',
  [
    '-c',
    `sox -n -r 48000 -c 1 -b 16 -t raw - synth ${seconds + 10} pinknoise vol 0.2 | pacat --device=vc_mic_bus --raw --rate=48000 --channels=1 --format=s16le`,
  ],
  { stdio: 'ignore' },
);
await sleep(4000);
const before = cpuSeconds(pid);
const startMs = Date.now();
await sleep(seconds * 1000);
const used = cpuSeconds(pid) - before;
const wallS = (Date.now() - startMs) / 1000;
console.log(
  `TUI CPU over ${wallS.toFixed(1)} s with moving meters (${backend}): ${used.toFixed(2)} s = ${((100 * used) / wallS).toFixed(1)}% of one core`,
);
console.log(tmux('capture-pane', '-p', '-t', SESSION).split('\n').slice(-8).join('\n'));
noise.kill();
tmux('kill-session', '-t', SESSION);
await server.close();
process.exit(0);
