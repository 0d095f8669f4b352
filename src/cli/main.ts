import { main } from './program.js';

const stopMemStats =
  process.env['VOICECHAT_MEMSTATS'] === undefined ? undefined : (await import('../core/mem-stats.js')).startMemStats();
const code = await main(process.argv);
stopMemStats?.();
process.exitCode = code;
