// A stand-in for voicechat in the orphan tests: starts MCP servers, prints their pids, then waits
// to be killed (SIGKILL), interrupted (SIGINT, handled as voicechat will: close, exit 130) or
// crashes by itself (MCP_PARENT_CRASH=1: an uncaught error, no cleanup code runs).
import { readFileSync } from 'node:fs';
import { McpManager } from '../../src/tools/mcp/manager.js';
import { builtinToolProvider } from '../../src/core/builtin-tool-provider.js';
import { ToolBox } from '../../src/core/tool-box.js';
import { FAULT_SERVER } from './mcp-servers.js';

const logFile = process.env['MCP_PARENT_LOG'] ?? '';
const manager = await McpManager.start(
  [
    {
      // a shell in front of the server: killing only the direct child would orphan node
      transport: 'stdio',
      name: 'wrapped',
      command: '/bin/sh',
      args: ['-c', `"${process.execPath}" "${FAULT_SERVER}"; echo done`],
      env: { FAULT_LOG: logFile, VC_MCP_TEST_TAG: process.env['VC_MCP_TEST_TAG'] ?? '' },
      cwd: undefined,
      disabled: false,
    },
  ],
  { startTimeoutMs: 15_000 },
);
process.on('SIGINT', () => {
  void manager.close().then(() => process.exit(130));
});
const box = new ToolBox([builtinToolProvider(), ...manager.providers()]);
await box.call('spawn_child', '{}', new AbortController().signal);
const lines = readFileSync(logFile, 'utf8').split('\n');
const pids = {
  shell: manager.statuses()[0]?.pid,
  server: Number(lines.find((l) => l.startsWith('server '))?.slice(7)),
  child: Number(lines.find((l) => l.startsWith('child '))?.slice(6)),
};
process.stdout.write(`${JSON.stringify(pids)}\n`);
if (process.env['MCP_PARENT_CRASH'] === '1') {
  setTimeout(() => {
    throw new Error('simulated crash');
  }, 100);
}
setInterval(() => undefined, 1000);
