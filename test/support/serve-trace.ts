// Manual testing and benchmarks: serve one trace on a fixed port until killed.
//   npx tsx test/support/serve-trace.ts <trace-name> [port] [--pace 1] [--tone 440] [--loop]
import { startReplayServer } from './replay-server.js';
import { loadBidiTrace } from './traces.js';

const [name, portArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const flag = (n: string): string | undefined => {
  const i = process.argv.indexOf(`--${n}`);
  return i === -1 ? undefined : process.argv[i + 1];
};
if (name === undefined) throw new Error('usage: serve-trace <trace-name> [port]');
const trace = loadBidiTrace(name);
const server = await startReplayServer({
  trace,
  dialect: name.startsWith('gemini') || name.startsWith('vertex') ? 'gemini' : 'openai',
  binaryFrames: name.startsWith('gemini') || name.startsWith('vertex'),
  audioPace: flag('pace') === undefined ? undefined : Number(flag('pace')),
  toneHz: flag('tone') === undefined ? undefined : Number(flag('tone')),
  gateTimeoutMs: 600_000,
});
console.log(JSON.stringify({ url: server.httpBase, port: server.port, wanted: portArg }));
