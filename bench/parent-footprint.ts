// What the voicechat parent process loads and weighs in a `--no-tui` session (not a test):
//   npm run build && npx tsx bench/parent-footprint.ts [--backend pulse|portaudio] [--seconds 10]
//     [--no-record] [--extra '--echo-cancellation off'] [--out modules.txt]
// Needs the virtual devices (source test/audio/start-audio.sh). Runs one bench subject against
// the local replay server with test/support/record-imports.mjs preloaded, then prints the
// parent's peak RSS (main process) and the modules it resolved, counted per package, so a
// package that a plain run does not need stands out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSubject } from './lib/run-subject.js';
import { SUBJECTS, type Subject } from './lib/subjects.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}
const backend = arg('backend') ?? 'pulse';
const seconds = Number(arg('seconds') ?? 10);
const keep = arg('out');
// the recorder's loader hooks run on a thread of their own (~30 MB): RSS figures need a plain run
// extra voicechat arguments, e.g. --extra '--echo-cancellation off'
const extra = arg('extra')?.split(' ') ?? [];
const isRecording = !process.argv.includes('--no-record');

const recorder = fileURLToPath(new URL('../test/support/record-imports.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vc-parent-'));
const record = join(dir, 'imports.txt');
const base = SUBJECTS[backend === 'pulse' ? 'vc-pulse' : 'vc'];
const subject: Subject = {
  ...base,
  args: (httpBase) => [...(isRecording ? ['--import', recorder] : []), ...base.args(httpBase), ...extra],
  env: { ...base.env, ...(isRecording ? { RECORD_IMPORTS: record } : {}) },
};

/** `node_modules/<pkg>` (scoped too) or the project folder of a module URL. */
function groupOf(url: string): string {
  const nm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (nm !== null) return nm[1]!;
  const own = /\/dist\/([^/]+)\//.exec(url);
  if (own !== null) return `dist/${own[1]}`;
  return url.startsWith('node:') ? 'node:*' : url;
}

const micWav = join(dir, 'speech.wav');
execFileSync('espeak-ng', ['-v', 'en-us', '-s', '160', '-w', micWav, 'Hello, what is the weather like today?']);
const result = await runSubject(
  subject,
  { durationSec: seconds, replyMs: 3000, interruptAtMs: 1500, completeEvery: 3, pauseMs: 1500 },
  micWav,
  (s) => process.stderr.write(`${s}\n`),
);
const urls = [...new Set((isRecording ? readFileSync(record, 'utf8') : '').split('\n').filter((l) => l !== ''))];
if (keep !== undefined) writeFileSync(keep, `${urls.join('\n')}\n`);
const counts = new Map<string, number>();
for (const u of urls) counts.set(groupOf(u), (counts.get(groupOf(u)) ?? 0) + 1);
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `${subject.label}: peak RSS main ${result.peakMainMb.toFixed(1)} MB, tree ${result.peakTreeMb.toFixed(1)} MB, ` +
    `CPU ${result.cpuSecPerMin.toFixed(2)} s/min (tree), load average ${load}`,
);
console.log(`${urls.length} modules resolved:`);
for (const [group, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${group}`);
