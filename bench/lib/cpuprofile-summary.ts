// Where a `node --cpu-prof` profile spends its time: self time by area (Yoga, Ink output/wrap,
// log-update, React, our UI, the rest of voicechat, Node internals) and inclusive time of the
// functions that mark Ink's frame phases; the first --skip-s seconds (start-up: module loading)
// are left out. `npx tsx bench/lib/cpuprofile-summary.ts FILE.cpuprofile [--skip-s 6]`
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const AREAS: [string, RegExp][] = [
  ['yoga (layout)', /yoga-layout/],
  [
    'ink output/wrap/measure',
    /ink\/build\/(output|render-node-to-output|wrap-text|measure-text|squash-text-nodes|get-max-width|colorize|render-border|render-background)|wrap-ansi|slice-ansi|string-width|cli-truncate|widest-line|strip-ansi|ansi-|emoji-regex|get-east-asian-width|@alcalzone\/ansi-tokenize|chalk/,
  ],
  ['ink log-update/write', /ink\/build\/(log-update|write-synchronized)|cli-cursor|ansi-escapes/],
  ['ink other', /node_modules\/ink\//],
  ['react', /react-reconciler|node_modules\/react\/|scheduler/],
  ['voicechat ui', /\/src\/ui\//],
  ['voicechat modes/core', /\/src\/(modes|core|cli|config)\//],
  ['voicechat providers', /\/src\/providers\//],
  ['voicechat audio', /\/src\/audio\//],
  ['ws', /node_modules\/ws\//],
  ['other node_modules', /node_modules/],
  ['node internals', /^node:|^internal\//],
];
const PHASES = [
  'onRender',
  'calculateLayout',
  'renderNodeToOutput',
  'get', // Output#get (the frame's string)
  'logUpdate',
  'throttledLog',
  'commitRoot',
  'performWorkOnRoot',
  'dispatch',
  'reduce',
];

const file = process.argv[2];
if (file === undefined) throw new Error('usage: cpuprofile-summary FILE.cpuprofile');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const skipAt = process.argv.indexOf('--skip-s');
const skipUs = skipAt === -1 ? 6e6 : Number(process.argv[skipAt + 1]) * 1e6;
// drop start-up samples: zero their time
let clockUs = 0;
profile.timeDeltas = profile.timeDeltas.map((d) => {
  clockUs += d;
  return clockUs < skipUs ? 0 : d;
});
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const totalUs = profile.endTime - profile.startTime - skipUs;
const area = (n: ProfileNode): string => {
  const { url, functionName } = n.callFrame;
  if (url === '') return functionName.startsWith('(') ? functionName : 'native';
  return AREAS.find(([, re]) => re.test(url))?.[0] ?? 'other';
};
const areas = new Map<string, number>();
const fns = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  areas.set(area(n), (areas.get(area(n)) ?? 0) + us);
  const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '')}:${n.callFrame.lineNumber}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
}
const busyUs = [...areas].filter(([a]) => a !== '(idle)').reduce((s, [, us]) => s + us, 0);
const pct = (us: number): string => `${((100 * us) / busyUs).toFixed(1).padStart(5)}%`;
console.log(`profile ${(totalUs / 1e6).toFixed(1)} s, busy ${(busyUs / 1e6).toFixed(2)} s (% below are of busy time)`);
console.log('\nself time by area');
for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1])) if (a !== '(idle)') console.log(`${pct(us)}  ${a}`);

// inclusive time: a sample counts once for each phase name on its stack
const phaseUs = new Map<string, number>();
profile.samples.forEach((id, i) => {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = byId.get(at)!.callFrame.functionName;
    if (PHASES.includes(name)) seen.add(name);
  }
  for (const name of seen) phaseUs.set(name, (phaseUs.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
console.log('\ninclusive time of phase functions');
for (const name of PHASES) console.log(`${pct(phaseUs.get(name) ?? 0)}  ${name}`);
console.log('\ntop self-time functions');
for (const [k, us] of [...fns]
  .filter(([k]) => !k.startsWith('(idle)'))
  .sort((x, y) => y[1] - x[1])
  .slice(0, 25))
  console.log(`${pct(us)}  ${k}`);
