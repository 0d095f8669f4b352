// Cold-start cost of the bare command: `voicechat --help` versus importing a peer SDK.
import { spawnSync } from 'node:child_process';
import { median } from './stats.js';

function timeCommand(args: string[], reps: number): number {
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  return median(times);
}

export interface StartupTimes {
  voicechatHelpMs: number;
  openaiImportMs: number;
  genaiImportMs: number;
}

export function measureStartup(reps: number): StartupTimes {
  timeCommand(['bin/voicechat.js', '--help'], 1); // warm the file cache
  return {
    voicechatHelpMs: timeCommand(['bin/voicechat.js', '--help'], reps),
    openaiImportMs: timeCommand(['-e', "import('openai/realtime/ws')"], reps),
    genaiImportMs: timeCommand(['-e', "import('@google/genai')"], reps),
  };
}
