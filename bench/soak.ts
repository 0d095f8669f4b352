// Soak benchmark (not a test): `npx tsx bench/soak.ts [--minutes 10] [--json]` (`--production` is
// now what bin/voicechat.js does by default). Needs a build
// (`npm run build`), tmux and the virtual audio devices (started here, see test/audio/).
// Runs the interactive TUI against the local replay server in a looping duplex conversation, samples
// the CLI's RSS/heap (VOICECHAT_MEMSTATS, with --expose-gc) and the audio hosts' RSS/CPU every 10 s,
// and reports growth per hour (least squares, first minute excluded as warm-up) and CPU.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MemSample } from '../src/core/mem-stats.js';
import { ensureAudioDevices, sleep } from '../test/audio/audio-env.js';
import { startReplayServer } from '../test/support/replay-server.js';
import { BIN, REPO_ROOT } from '../test/support/run-cli.js';
import { loadBidiTrace } from '../test/support/traces.js';
import { cpuPercent, mbPerHour, toMb, type Point } from './soak-stats.js';
import { loopTrace } from './soak-trace.js';

const SAMPLE_MS = 10_000;
const WARMUP_S = 60;
const TARGET_MB_PER_HOUR = 5;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

interface HostSample {
  tS: number;
  rssBytes: number;
  cpuS: number;
  count: number;
}

/** RSS and CPU time of every process under `rootPid` except the CLI itself (the audio hosts). */
function hostSample(rootPid: number, cliPid: number, tS: number): HostSample {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss=,cputimes='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .map(([pid = 0, ppid = 0, rss = 0, cpu = 0]) => ({ pid, ppid, rss, cpu }));
  const inTree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) if (inTree.has(r.ppid) && !inTree.has(r.pid)) grew = inTree.add(r.pid) !== undefined;
  }
  const hosts = rows.filter((r) => inTree.has(r.pid) && r.ppid === cliPid);
  return {
    tS,
    rssBytes: hosts.reduce((s, r) => s + r.rss * 1024, 0),
    cpuS: hosts.reduce((s, r) => s + r.cpu, 0),
    count: hosts.length,
  };
}

function findCliPid(panePid: number): number | undefined {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m) => m !== null);
  const byParent = (ppid: number): RegExpMatchArray[] => rows.filter((m) => Number(m[2]) === ppid);
  const queue = [panePid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const child of byParent(pid)) {
      if ((child[3] ?? '').includes(BIN)) return Number(child[1]);
      queue.push(Number(child[1]));
    }
  }
  return undefined;
}

async function main(): Promise<void> {
  const minutes = Number(arg('minutes') ?? '10');
  const json = process.argv.includes('--json');
  // --production: NODE_ENV=production for the CLI (React's development build records a
  // PerformanceMeasure per component render that Node keeps forever)
  const nodeEnv = process.argv.includes('--production') ? 'NODE_ENV=production ' : '';
  const problem = ensureAudioDevices();
  if (problem !== undefined) throw new Error(`soak needs the virtual audio devices: ${problem}`);
  const base = loadBidiTrace('openai-ga__audio-in-server-vad__input-transcription__full-audio-response');
  const turns = Math.ceil((minutes * 60) / 3) + 20;
  const server = await startReplayServer({
    trace: loopTrace(base, turns, 8),
    dialect: 'openai',
    toneHz: 440,
    audioPace: 1,
    audioGateMs: 1500,
    gateTimeoutMs: 30_000,
  });
  const dir = mkdtempSync(join(tmpdir(), 'vc-soak-'));
  const memFile = join(dir, 'mem.jsonl');
  const session = `vc-soak-${process.pid}`;
  const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
  const env = ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR']
    .map((k) => `${k}='${process.env[k] ?? ''}'`)
    .join(' ');
  // until src/cli.ts calls startMemStats() itself, a preload starts it (idempotent either way)
  const preload = `data:text/javascript,import(${JSON.stringify(pathToFileURL(`${REPO_ROOT}dist/core/mem-stats.js`).href)}).then((m)=>m.startMemStats())`;
  const command =
    `cd ${REPO_ROOT} && env -u CI -u CONTINUOUS_INTEGRATION ${env} ${nodeEnv}VOICECHAT_MEMSTATS=${memFile} VOICECHAT_CONFIG_DIR=${dir}/config OPENAI_API_KEY=sk-test-SOAK-KEY-1234 TERM=xterm-256color ` +
    `node --expose-gc --import '${preload}' ${BIN} --endpoint ${server.httpBase}/v1 --input-device vc_mic --output-device vc_speaker; echo "EXIT=$?"; sleep 30`;
  tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', command);
  const cleanup = (): void => {
    try {
      tmux('kill-session', '-t', session);
    } catch {
      // already gone
    }
  };
  process.once('exit', cleanup);
  const speech = join(dir, 'speech.wav');
  execFileSync('bash', [
    '-c',
    `espeak-ng -v en-us -s 150 -w ${speech} "Hello, this is the soak test speaking." || true`,
  ]);
  const startedAt = Date.now();
  const panePid = Number(tmux('list-panes', '-t', session, '-F', '#{pane_pid}').trim());
  let cliPid: number | undefined;
  for (let i = 0; i < 100 && cliPid === undefined; i++) {
    await sleep(100);
    cliPid = findCliPid(panePid);
  }
  if (cliPid === undefined) throw new Error('the CLI did not start');
  const hosts: HostSample[] = [];
  const endAt = startedAt + minutes * 60_000;
  let nextSample = startedAt;
  let nextSpeech = startedAt + 2000;
  while (Date.now() < endAt) {
    if (Date.now() >= nextSample) {
      hosts.push(hostSample(panePid, cliPid, (Date.now() - startedAt) / 1000));
      nextSample += SAMPLE_MS;
    }
    if (Date.now() >= nextSpeech && existsSync(speech)) {
      spawn('paplay', ['--device=vc_mic_bus', speech], { stdio: 'ignore' }).on('error', () => undefined);
      nextSpeech += 7000;
    }
    await sleep(250);
  }
  const screen = tmux('capture-pane', '-p', '-t', session);
  tmux('send-keys', '-t', session, 'q');
  await sleep(2000);
  const after = tmux('capture-pane', '-p', '-t', session);
  tmux('kill-session', '-t', session);
  await server.close();

  const samples = readFileSync(memFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as MemSample);
  const t0 = samples[0]?.atMs ?? startedAt;
  const steady = samples.filter((s) => (s.atMs - t0) / 1000 >= WARMUP_S);
  const series = (pick: (s: MemSample) => number, from: MemSample[]): Point[] =>
    from.map((s) => ({ tS: (s.atMs - t0) / 1000, value: pick(s) }));
  const first = steady[0] ?? samples[0];
  const last = samples[samples.length - 1];
  const cpu =
    first !== undefined && last !== undefined
      ? cpuPercent(last.cpuUserUs + last.cpuSystemUs - first.cpuUserUs - first.cpuSystemUs, last.atMs - first.atMs)
      : 0;
  const hostSteady = hosts.filter((h) => h.tS >= WARMUP_S);
  const h0 = hostSteady[0];
  const h1 = hostSteady[hostSteady.length - 1];
  const report = {
    minutes,
    samples: samples.length,
    repliesSeen: (server.sentCount[0] ?? 0) > 0 ? screen.split('\n').filter((l) => /^\s*ai\s/.test(l)).length : 0,
    cli: {
      rssMb: {
        start: toMb(first?.rss ?? 0),
        end: toMb(last?.rss ?? 0),
        growthMbPerHour: mbPerHour(series((s) => s.rss, steady)),
      },
      heapUsedMb: {
        start: toMb(first?.heapUsed ?? 0),
        end: toMb(last?.heapUsed ?? 0),
        growthMbPerHour: mbPerHour(series((s) => s.heapUsed, steady)),
      },
      externalMb: { end: toMb(last?.external ?? 0), growthMbPerHour: mbPerHour(series((s) => s.external, steady)) },
      cpuPercent: cpu,
      cpuPercentPerInterval: samples.slice(1).map((s, i) => {
        const p = samples[i]!;
        return (
          Math.round(cpuPercent(s.cpuUserUs + s.cpuSystemUs - p.cpuUserUs - p.cpuSystemUs, s.atMs - p.atMs) * 10) / 10
        );
      }),
    },
    audioHosts: {
      count: h1?.count ?? 0,
      rssMb: toMb(h1?.rssBytes ?? 0),
      growthMbPerHour: mbPerHour(hostSteady.map((h) => ({ tS: h.tS, value: h.rssBytes }))),
      cpuPercent:
        h0 !== undefined && h1 !== undefined ? cpuPercent((h1.cpuS - h0.cpuS) * 1e6, (h1.tS - h0.tS) * 1000) : 0,
    },
    exitedCleanly: after.includes('EXIT=0'),
    targetMbPerHour: TARGET_MB_PER_HOUR,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const f = (n: number): string => n.toFixed(2);
  const ok = (growth: number): string => (growth < TARGET_MB_PER_HOUR ? 'ok' : 'OVER TARGET');
  process.stdout.write(
    [
      `soak: ${minutes} min TUI duplex session, ${report.samples} samples every ${SAMPLE_MS / 1000} s (growth from ${WARMUP_S} s on)`,
      `  CLI RSS        ${f(report.cli.rssMb.start)} -> ${f(report.cli.rssMb.end)} MB, growth ${f(report.cli.rssMb.growthMbPerHour)} MB/h (${ok(report.cli.rssMb.growthMbPerHour)})`,
      `  CLI heap used  ${f(report.cli.heapUsedMb.start)} -> ${f(report.cli.heapUsedMb.end)} MB, growth ${f(report.cli.heapUsedMb.growthMbPerHour)} MB/h (${ok(report.cli.heapUsedMb.growthMbPerHour)})`,
      `  CLI external   ${f(report.cli.externalMb.end)} MB, growth ${f(report.cli.externalMb.growthMbPerHour)} MB/h`,
      `  CLI CPU        ${f(report.cli.cpuPercent)} % of a core (per 10 s: ${report.cli.cpuPercentPerInterval.join(' ')})`,
      `  audio hosts    ${report.audioHosts.count} processes, ${f(report.audioHosts.rssMb)} MB RSS, growth ${f(report.audioHosts.growthMbPerHour)} MB/h, CPU ${f(report.audioHosts.cpuPercent)} %`,
      `  replies on screen at the end: ${report.repliesSeen}; quit cleanly: ${report.exitedCleanly}`,
      '',
    ].join('\n'),
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`soak failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
