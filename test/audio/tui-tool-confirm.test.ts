import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { azureGaTrace } from '../support/azure-traces.js';
import { fault, taggedProcesses, waitUntil } from '../support/mcp-servers.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import type { TraceLine } from '../support/traces.js';
import { BIN, REPO_ROOT } from '../support/run-cli.js';
import { ensureAudioDevices, sleep, AUDIO_BACKEND } from './audio-env.js';

const problem = ensureAudioDevices();
const SESSION = `vc-tui-tool-${process.pid}`;
const tmux = (...args: string[]): string => execFileSync('tmux', args, { encoding: 'utf8' });
const screen = (): string => tmux('capture-pane', '-p', '-t', SESSION);

async function until(check: (s: string) => boolean, timeoutMs: number): Promise<string> {
  const end = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < end) {
    last = screen();
    if (check(last)) return last;
    await sleep(50);
  }
  throw new Error(`screen never matched; last screen:\n${last}`);
}

/** The Azure function-call trace with its tool replaced by the fault server's `slow` (not read-only: it asks). */
const trace: TraceLine[] = azureGaTrace.map((line) =>
  line.dir === 's2c'
    ? (JSON.parse(
        JSON.stringify(line)
          .split('remember_name')
          .join('slow')
          .split('\\"name\\": \\"Marcelo\\"')
          .join('\\"ms\\": 10'),
      ) as TraceLine)
    : line,
);

describe.skipIf(problem !== undefined || AUDIO_BACKEND === 'pulse')(
  'tool confirmation line in the TUI (tmux, real devices, a real MCP server)',
  () => {
    let server: ReplayServer;
    let dir: string;
    beforeAll(async () => {
      server = await startReplayServer({ trace, dialect: 'openai', audioGateMs: 0, gateTimeoutMs: 2000 });
      dir = mkdtempSync(join(tmpdir(), 'vc-tmux-tool-'));
    });
    afterAll(async () => {
      try {
        tmux('kill-session', '-t', SESSION);
      } catch {
        // already gone
      }
      await server.close();
    });

    it('shows tool, server and arguments with y/a/n; y runs it and the call becomes a transcript line', async () => {
      const config = join(dir, 'mcp.json');
      const f = fault('fault');
      writeFileSync(
        config,
        JSON.stringify({ mcpServers: { fault: { command: f.command, args: f.args, env: f.env } } }),
      );
      const env = ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR']
        .map((k) => `${k}='${process.env[k] ?? ''}'`)
        .join(' ');
      const command =
        `cd ${REPO_ROOT} && stty sane && env -u CI -u CONTINUOUS_INTEGRATION ${env} HOME=${dir} ` +
        `AZURE_OPENAI_API_KEY=azure-TMUX-KEY-424242 AZURE_OPENAI_ENDPOINT=${server.httpBase} AZURE_OPENAI_DEPLOYMENT=gpt-realtime TERM=xterm-256color ` +
        `node ${BIN} --provider azure-openai --debug --log-file ${dir}/debug.log --mcp-config ${config} --input-device vc_mic --output-device vc_speaker; ` +
        `echo "EXIT=$?"; sleep 60`;
      tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '30', command);
      const asking = await until((s) => s.includes('run slow'), 20_000).catch((e: unknown) => {
        console.log(readFileSync(`${dir}/debug.log`, 'utf8'));
        throw e;
      });
      expect(asking).toMatch(/run slow \(fault\) \{\s*"ms": 10\s*\}/);
      expect(asking).toMatch(/y yes\s+a always\s+n no/);
      // nothing was sent for the call while it waits
      expect(
        server.received.some(
          (m) => (m.json?.['item'] as { type?: string } | undefined)?.type === 'function_call_output',
        ),
      ).toBe(false);

      tmux('send-keys', '-t', SESSION, 'y');
      const ran = await until((s) => s.includes('fault/slow('), 10_000);
      expect(ran).not.toContain('run slow (fault)');
      expect(ran).toContain('slept 10 ms');
      const output = server.received.find(
        (m) => (m.json?.['item'] as { type?: string } | undefined)?.type === 'function_call_output',
      );
      expect(output?.json?.['item']).toMatchObject({ call_id: 'call_42LHxWvnwPP9TAch' });

      // With an MCP server running, two audio host handles outlive the TUI's clean-up (cause still
      // open); the CLI's exit grace (src/cli/main.ts) ends the process 3 s after the run ended.
      // Without MCP servers the same quit takes ~400 ms (tui-tmux.test.ts).
      const quitAt = Date.now();
      tmux('send-keys', '-t', SESSION, 'q');
      expect(await until((s) => s.includes('EXIT='), 15_000)).toContain('EXIT=0');
      const quitMs = Date.now() - quitAt;
      console.log(`quit with an MCP server took ${quitMs} ms`);
      expect(quitMs).toBeLessThan(6000);
      expect(await waitUntil(() => taggedProcesses().length === 0, 3000)).toBe(true);
      expect(readFileSync(config, 'utf8')).toContain('fault');
    });
  },
);
