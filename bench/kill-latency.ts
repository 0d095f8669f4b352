// How long the kernel takes from SIGKILL to a reaped child, per kind of process: the floor under
// barge-in, which silences the speaker by killing the process that owns the output stream (the
// sound server drops the stream when its socket closes, after the address space is torn down).
// `npx tsx bench/kill-latency.ts [--kills 8]`
import { spawn } from 'node:child_process';

const at = process.argv.indexOf('--kills');
const kills = at === -1 ? 8 : Number(process.argv[at + 1]);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function killToReapedMs(command: string, args: string[]): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < kills; i++) {
    const child = spawn(command, args, { stdio: 'ignore' });
    await sleep(700);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const startMs = performance.now();
    child.kill('SIGKILL');
    await exited;
    times.push(performance.now() - startMs);
  }
  return times.sort((a, b) => a - b);
}

const subjects: [string, string, string[]][] = [
  [
    'Node holding 40 MB (a player host)',
    process.execPath,
    [
      '--max-semi-space-size=1',
      '--v8-pool-size=1',
      '-e',
      'globalThis.b = Buffer.alloc(40e6, 1); setInterval(() => {}, 1000)',
    ],
  ],
  ['bare Node', process.execPath, ['-e', 'setInterval(() => {}, 1000)']],
  ['small C process (sleep; pacat is alike)', 'sleep', ['30']],
];
for (const [label, command, args] of subjects) {
  const times = await killToReapedMs(command, args);
  console.log(`${label.padEnd(42)} SIGKILL -> reaped (ms): ${times.map((t) => t.toFixed(1)).join(' ')}`);
}
