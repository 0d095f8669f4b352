import { describe, expect, it } from 'vitest';
import { busyMs, originOf, summarizeProfiles, type CpuProfile } from '../../../bench/lib/cpu-profile.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
const REPO = 'file:///work/repo';

describe('originOf', () => {
  it.each([
    [frame('(garbage collector)'), 'GC'],
    [frame('(idle)'), 'idle'],
    [frame('(program)'), 'native (program)'],
    [frame('wrapAnsi', `${REPO}/node_modules/wrap-ansi/index.js`), 'ink/react/yoga'],
    [frame('calculateLayout', `${REPO}/node_modules/yoga-layout/dist/src/index.js`), 'ink/react/yoga'],
    [frame('performWork', `${REPO}/node_modules/react-reconciler/cjs/x.js`), 'ink/react/yoga'],
    [frame('receiverOnData', `${REPO}/node_modules/ws/lib/receiver.js`), 'ws/JSON/base64'],
    [frame('parse'), 'ws/JSON/base64'],
    [frame('base64Slice', 'node:buffer'), 'ws/JSON/base64'],
    [frame('processChunk', `${REPO}/node_modules/speex-resampler/dist/index.js`), 'resampler'],
    [frame('process', `${REPO}/dist/audio/resampler.js`), 'resampler'],
    [frame('$speex_resampler_process_int', 'wasm://wasm/0012'), 'resampler'],
    [frame('pump', `${REPO}/dist/audio/backend/pulse-player.js`), 'src/audio/backend/pulse-player.js'],
    [frame('main', `${REPO}/bin/voicechat.js`), 'bin/voicechat.js'],
    [frame('decode', `${REPO}/src/audio/protocol.ts`), 'src/audio/protocol.ts'],
    [frame('onread', 'node:internal/stream_base_commons'), 'node core (net, streams, timers, ipc)'],
    [frame('command', `${REPO}/node_modules/commander/lib/command.js`), 'deps: commander'],
    [frame('x', `${REPO}/node_modules/@scope/pkg/a.js`), 'deps: @scope/pkg'],
    [frame('FfiHandle'), 'builtins & native calls'],
    [
      frame('write', `${REPO}/node_modules/.cache/voicechat-bench-profile/profile-preload.mjs`),
      'bench profiler (preload)',
    ],
  ])('%o -> %s', (f, origin) => {
    expect(originOf(f)).toBe(origin);
  });
});

describe('summarizeProfiles', () => {
  // samples: node 2 (ours), 3 (ink), 2, 4 (idle); each sample's time is the gap to the next
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame('(root)') },
      { id: 2, callFrame: frame('pump', `${REPO}/dist/audio/engine.js`, 9) },
      { id: 3, callFrame: frame('wrapAnsi', `${REPO}/node_modules/wrap-ansi/index.js`, 0) },
      { id: 4, callFrame: frame('(idle)') },
    ],
    samples: [2, 3, 2, 4],
    timeDeltas: [100, 1000, 4000, 2000],
  };

  it('sums self time per origin and per function over all slices, idle apart', () => {
    const s = summarizeProfiles([profile, profile]);
    // per profile: pump 1 + 2 ms, wrapAnsi 4 ms, idle (last sample, previous gap) 2 ms
    expect(s.totalMs).toBeCloseTo(18);
    expect(s.byOrigin).toEqual([
      { name: 'ink/react/yoga', ms: 8 },
      { name: 'src/audio/engine.js', ms: 6 },
      { name: 'idle', ms: 4 },
    ]);
    expect(s.byFunction[0]).toEqual({ name: 'wrapAnsi (index.js:1) [ink/react/yoga]', ms: 8 });
    expect(busyMs(s)).toBeCloseTo(14);
  });

  it('counts a native call for the code that called it, JSON builtins for the wire group', () => {
    const s = summarizeProfiles([
      {
        nodes: [
          { id: 1, callFrame: frame('(root)'), children: [2, 5] },
          { id: 2, callFrame: frame('process', `${REPO}/dist/audio/echo/aec3-canceller.js`), children: [3, 4] },
          { id: 3, callFrame: frame('FfiHandle') },
          { id: 4, callFrame: frame('parse') },
          { id: 5, callFrame: frame('orphanNative') },
        ],
        samples: [3, 4, 5],
        timeDeltas: [0, 2000, 1000, 500],
      },
    ]);
    expect(s.byOrigin).toEqual([
      { name: 'src/audio/echo/aec3-canceller.js', ms: 2 },
      { name: 'ws/JSON/base64', ms: 1 },
      { name: 'builtins & native calls', ms: 0.5 },
    ]);
    expect(s.byFunction[0]?.name).toBe('FfiHandle [src/audio/echo/aec3-canceller.js]');
  });

  it('ignores samples of unknown nodes and an empty profile', () => {
    const s = summarizeProfiles([{ nodes: [], samples: [7], timeDeltas: [5] }, { nodes: [] }]);
    expect(s.totalMs).toBe(0);
    expect(s.byOrigin).toEqual([]);
  });
});
