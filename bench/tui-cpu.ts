// CPU of the TUI process while the meters move: the TUI in tmux against a replay server, noise
// into the virtual microphone (the mic meter moves on every frame), /proc/<pid>/stat read at the
// start and the end of a window. `npx tsx bench/tui-cpu.ts [--seconds 30] [--backend pulse]`
//   --no-tui          the same process with the plain log instead of Ink: what the TUI itself costs
//   --profile DIR     `node --cpu-prof` into DIR (the run ends with `q` so the profile is written)
//   --bin FILE        another build's bin/voicechat.js (A/B against a copy of an older commit)
//   --stats           frames (stdout writes) and bytes per second Ink sends to the terminal
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startReplayServer } from '../test/support/replay-server.js';
import { loadBidiTrace } from '../test/support/traces.js';
import { BIN, REPO_ROOT } from '../test/support/run-cli.js';

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : (process.argv[at + 1] ?? fallback);
};
const seconds = Number(arg('seconds', '30'));
const backend = arg('backend', 'pulse');
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const profileDir = flag('profile') ? resolve(arg('profile', 'tui-profile')) : undefined;
const statsFile = flag('stats') ? join(mkdtempSync(join(tmpdir(), 'vc-tui-stats-')), 'stats.json') : undefined;
const noTui = flag('no-tui');
const bin = resolve(arg('bin', BIN));
const speaker = backend === 'pulse' ? 'vc_out' : 'vc_speaker';
const SESSION = `vc-tui-cpu-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const TICKS = 100; // USER_HZ on Linux

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** User and kernel CPU seconds of a process (the kernel part is mostly terminal, pipe and socket I/O). */
function cpuSplit(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of the whole line (11 and 12 after "pid (comm) ")
  return { user: Number(fields[11]) / TICKS, system: Number(fields[12]) / TICKS };
}

const server = await startReplayServer({
  trace: loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response'),
  dialect: 'openai',
  // never answer: the run is about the meters, not the transcript
  gateTimeoutMs: 600_000,
  audioGateMs: 600_000,
});
// node arguments, not NODE_OPTIONS: --cpu-prof is refused there, and the audio hosts must not inherit them
const nodeArgs = [
  profileDir === undefined ? '' : `--cpu-prof --cpu-prof-dir=${profileDir}`,
  statsFile === undefined ? '' : `--import=${join(REPO_ROOT, 'bench/lib/tui-write-stats.mjs')}`,
]
  .filter((o) => o !== '')
  .join(' ');
const env = [
  ...['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR'].map((k) => `${k}='${process.env[k] ?? ''}'`),
  ...(statsFile === undefined ? [] : [`VC_TUI_STATS_FILE='${statsFile}'`]),
].join(' ');
interface WriteStats {
  writes: number;
  frames: number;
  bytes: number;
}
const readStats = (): WriteStats | undefined =>
  statsFile === undefined ? undefined : (JSON.parse(readFileSync(statsFile, 'utf8')) as WriteStats);
tmux(
  'new-session',
  '-d',
  '-s',
  SESSION,
  '-x',
  '100',
  '-y',
  '30',
  `cd ${REPO_ROOT} && exec env -u CI ${env} OPENAI_API_KEY=sk-test-CPU-1 TERM=xterm-256color node ${nodeArgs} ${bin} ` +
    `--endpoint ${server.httpBase}/v1 --input-device vc_mic --output-device ${speaker} --audio-backend ${backend} --echo-cancellation off${noTui ? ' --no-tui' : ''}`,
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
const before = cpuSplit(pid);
const statsBefore = readStats();
const startMs = Date.now();
await sleep(seconds * 1000);
const end = cpuSplit(pid);
const userS = end.user - before.user;
const systemS = end.system - before.system;
const used = userS + systemS;
const statsAfter = readStats();
const wallS = (Date.now() - startMs) / 1000;
console.log(
  `${noTui ? 'no-TUI' : 'TUI'} CPU over ${wallS.toFixed(1)} s with moving meters (${backend}): ${used.toFixed(2)} s = ${((100 * used) / wallS).toFixed(1)}% of one core (user ${userS.toFixed(2)} s, kernel ${systemS.toFixed(2)} s)`,
);
if (statsBefore !== undefined && statsAfter !== undefined) {
  const writes = statsAfter.writes - statsBefore.writes;
  const frames = statsAfter.frames - statsBefore.frames;
  const bytes = statsAfter.bytes - statsBefore.bytes;
  console.log(
    `Ink frames ${(frames / wallS).toFixed(1)}/s; terminal writes ${(writes / wallS).toFixed(1)}/s, ${(bytes / wallS / 1024).toFixed(1)} KiB/s`,
  );
}
console.log(tmux('capture-pane', '-p', '-t', SESSION).trimEnd().split('\n').slice(-10).join('\n'));
noise.kill();
if (profileDir !== undefined) {
  // a graceful quit, so node writes the profile
  tmux('send-keys', '-t', SESSION, 'q');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
  console.log(`profile in ${profileDir}`);
}
try {
  tmux('kill-session', '-t', SESSION);
} catch {
  // the session ended with the process
}
await server.close();
process.exit(0);
