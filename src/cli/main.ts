import { main } from './program.js';

const stopMemStats =
  process.env['VOICECHAT_MEMSTATS'] === undefined ? undefined : (await import('../core/mem-stats.js')).startMemStats();
const code = await main(process.argv);
stopMemStats?.();
process.exitCode = code;
// Everything was stopped and closed before main() returned; a handle something failed to release
// (a child's pipe, a socket) must not keep a finished run alive. The timer is unref'd, so it only
// fires when such a handle exists.
const EXIT_GRACE_MS = 3000;
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref();
