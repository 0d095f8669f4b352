// `npm run bench`: voicechat side by side with loops built on the official SDKs (issue 9), plus
// the audio engine micro-bench. Progress on stderr, the table on stdout, raw data in
// bench/results.json. `--quick` for short runs (~3 min); default: 60 s runs, alternating A/B.
//   npm run bench [-- --quick] [-- --rounds N] [-- --only openai|gemini] [-- --no-profile] [-- --no-memfd]
// After the table: issue #14's targets, met or MISSED, and for each miss the evidence (per-process
// split and a CPU profile from an extra profiled run, bench/lib/evidence.ts).
//   npx tsx bench/run.ts --report-only   (the table again from bench/results.json)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureAudioDevices } from '../test/audio/audio-env.js';
import { runAudioBench } from './audio.js';
import { runEchoBench } from './echo.js';
import { buildPeers } from './peers/build-peers.js';
import { gatherEvidence } from './lib/evidence.js';
import { compareRows, formatTable, startupRows, type Row } from './lib/report.js';
import { runSubject, type RunResult } from './lib/run-subject.js';
import { measureStartup, type StartupTimes } from './lib/startup.js';
import { SUBJECTS, type SubjectId } from './lib/subjects.js';
import { formatVerdict, judgeTargets } from './lib/verdict.js';
import type { WorkloadOptions } from './lib/workload.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i === -1 ? undefined : argv[i + 1];
};
const only = flag('only');
const progress = (s: string): void => void process.stderr.write(`[bench] ${s}\n`);

const workload: WorkloadOptions = {
  durationSec: quick ? 15 : 60,
  replyMs: 4000,
  interruptAtMs: 2500,
  completeEvery: 3,
  pauseMs: 1500,
};
const openaiRounds = Number(flag('rounds') ?? (quick ? 1 : 3));
const geminiRounds = Number(flag('rounds') ?? (quick ? 1 : 2));

/** A/B alternation: every round swaps which side goes first. */
function schedule(ids: SubjectId[], rounds: number): SubjectId[] {
  const out: SubjectId[] = [];
  for (let r = 0; r < rounds; r++) out.push(...(r % 2 === 0 ? ids : [...ids].reverse()));
  return out;
}

/** Stops the private PulseAudio this run started (by the pid in its pid file). */
function stopPrivateAudio(): void {
  try {
    const pid = Number(readFileSync(join(process.env['XDG_RUNTIME_DIR'] ?? '', 'pulse', 'pid'), 'utf8').trim());
    if (pid > 0) process.kill(pid, 'SIGTERM');
  } catch {
    // not running
  }
}

interface Saved {
  startup: StartupTimes;
  audio: [string, string][];
  /** Echo cancellation through the devices (issue #13); absent in results written before it. */
  echo?: [string, string][];
  runs: RunResult[];
  failures: string[];
  /** Why each missed target misses (bench/lib/evidence.ts); absent in results written before it. */
  evidence?: string[];
  /** Which sound server the runs shared; absent in results written before it. */
  soundServer?: string;
}

function printTable({ startup, audio, echo, runs, failures, evidence, soundServer }: Saved): void {
  const of = (id: SubjectId): RunResult[] => runs.filter((r) => r.subject === id);
  const rows: Row[] = [
    ...(of('vc').length > 0
      ? compareRows(of('vc'), of('openai-sdk'), of('vc-tui'), 'openai portaudio:', 'portaudio')
      : []),
    ...(of('vc-pulse').length > 0
      ? compareRows(of('vc-pulse'), of('openai-sdk'), of('vc-tui-pulse'), 'openai pulse:', 'pulse')
      : []),
    ...(of('vc-gemini').length > 0
      ? compareRows(of('vc-gemini'), of('genai-sdk'), [], 'gemini portaudio:', undefined)
      : []),
    ...(of('vc-gemini-pulse').length > 0
      ? compareRows(of('vc-gemini-pulse'), of('genai-sdk'), [], 'gemini pulse:', undefined)
      : []),
    ...startupRows(startup),
  ];
  const header: Row = ['figure (min / median / max over runs)', 'voicechat', 'official SDK peer', 'vc/peer', 'target'];
  if (soundServer !== undefined) process.stdout.write(`sound server: ${soundServer}\n\n`);
  process.stdout.write(`${formatTable(header, rows, audio)}\n`);
  if (echo !== undefined && echo.length > 0) {
    const width = Math.max(...echo.map(([name]) => name.length));
    process.stdout.write(`\necho cancellation (bench/echo.ts):\n`);
    for (const [name, value] of echo) process.stdout.write(`  ${name.padEnd(width)}  ${value}\n`);
  }
  if (failures.length > 0) process.stdout.write(`\nfailed runs: ${failures.join('; ')}\n`);
  process.stdout.write(`\n${formatVerdict(judgeTargets(runs, audio))}\n`);
  if (evidence !== undefined && evidence.length > 0) process.stdout.write(`\n${evidence.join('\n')}\n`);
}

async function main(): Promise<void> {
  if (argv.includes('--report-only')) {
    printTable(JSON.parse(readFileSync(new URL('./results.json', import.meta.url), 'utf8')) as Saved);
    return;
  }
  // a PulseAudio of our own: tests running beside the bench must not play into our monitor
  const ownAudio = process.env['VC_RUNTIME_DIR'] === undefined;
  if (ownAudio) process.env['VC_RUNTIME_DIR'] = join(tmpdir(), `vc-bench-audio-${process.pid}`);
  // PulseAudio's default (and PipeWire's) hands audio blocks over in memfd segments; the test rig
  // turns that off (log noise), which makes every client re-map POSIX shm per block: parec alone
  // then costs 4x. Subjects and peers share the daemon either way.
  const memfd = !argv.includes('--no-memfd');
  if (ownAudio) process.env['VC_PULSE_MEMFD'] = memfd ? 'yes' : 'no';
  const soundServer = ownAudio
    ? `the bench's own PulseAudio, memfd ${memfd ? "on (PulseAudio's default)" : "off (--no-memfd: the test rig's setting)"}`
    : `the running PulseAudio of VC_RUNTIME_DIR (${process.env['VC_RUNTIME_DIR']})`;
  progress(`sound server: ${soundServer}`);
  const problem = ensureAudioDevices();
  if (problem !== undefined) throw new Error(`virtual audio devices unavailable: ${problem}`);
  buildPeers();
  const work = mkdtempSync(join(tmpdir(), 'vc-bench-mic-'));
  const micWav = join(work, 'speech.wav');
  execFileSync('espeak-ng', [
    '-v',
    'en-us',
    '-s',
    '160',
    '-w',
    micWav,
    'Hello, this is a test of the voice chat command line tool. What is the weather like today? Tell me a story.',
  ]);

  const plan: SubjectId[] = [
    // every voicechat subject with each backend it can start (pulse needs pactl; portaudio naudiodon2)
    ...(only === 'gemini' ? [] : schedule(['vc', 'vc-pulse', 'openai-sdk', 'vc-tui', 'vc-tui-pulse'], openaiRounds)),
    ...(only === 'openai' ? [] : schedule(['vc-gemini', 'vc-gemini-pulse', 'genai-sdk'], geminiRounds)),
  ];
  progress(`${quick ? 'quick' : 'full'} mode: ${plan.length} runs of ${workload.durationSec} s + audio micro-bench`);
  const results: RunResult[] = [];
  const failures: string[] = [];
  for (const [i, id] of plan.entries()) {
    progress(`run ${i + 1}/${plan.length}: ${SUBJECTS[id].label}`);
    try {
      results.push(await runSubject(SUBJECTS[id], workload, micWav, progress));
    } catch (error) {
      failures.push(`${id}: ${(error as Error).message}`);
      progress(`run failed: ${(error as Error).message}`);
    }
  }

  progress('startup times');
  const startup = measureStartup(quick ? 3 : 7);
  progress('audio engine micro-bench');
  const audio = await runAudioBench(quick ? { flushRounds: 10, cpuSeconds: 8 } : { flushRounds: 20, cpuSeconds: 20 });
  progress('echo cancellation');
  const echo = await runEchoBench({ conversationSeconds: quick ? 20 : 60 });
  // last, so the profiler's overhead cannot reach a measured figure
  const verdicts = judgeTargets(results, audio);
  const evidence = argv.includes('--no-profile')
    ? []
    : await gatherEvidence(verdicts, results, workload, micWav, progress);
  rmSync(work, { recursive: true, force: true });

  writeFileSync(
    new URL('./results.json', import.meta.url),
    `${JSON.stringify({ date: new Date().toISOString(), mode: quick ? 'quick' : 'full', loadavgAtEnd: loadavg(), soundServer, workload, startup, audio, echo, failures, verdicts, evidence, runs: results }, null, 1)}\n`,
  );
  if (ownAudio) stopPrivateAudio();
  printTable({ startup, audio, echo, runs: results, failures, evidence, soundServer });
}

await main();
