import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAlive, taggedProcesses, TEST_TAG, TEST_TAG_VAR, TSX_LOADER, waitUntil } from '../support/mcp-servers.js';

/**
 * A real parent process (test/support/mcp-parent.ts) starts an MCP server behind a shell, and the
 * server starts a helper of its own. However the parent ends, none of the three may survive.
 */

const PARENT = fileURLToPath(new URL('../support/mcp-parent.ts', import.meta.url));

interface Pids {
  shell: number;
  server: number;
  child: number;
}

async function startParent(
  extraEnv: Record<string, string> = {},
): Promise<{ pid: number; pids: Pids; exited: Promise<number | null> }> {
  const dir = mkdtempSync(join(tmpdir(), 'vc-mcp-parent-'));
  const parent = spawn(process.execPath, ['--import', TSX_LOADER, PARENT], {
    env: { ...process.env, MCP_PARENT_LOG: join(dir, 'log'), [TEST_TAG_VAR]: TEST_TAG, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
  void exited.then(() => rmSync(dir, { recursive: true, force: true }));
  let out = '';
  parent.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  let err = '';
  parent.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const ready = await waitUntil(() => out.includes('\n'), 20_000);
  if (!ready) throw new Error(`parent did not start: ${err}`);
  const pids = JSON.parse(out.split('\n')[0] ?? '{}') as Pids;
  return { pid: parent.pid ?? 0, pids, exited };
}

/** The three known pids, and anything else in the process table carrying this file's tag (the parent included). */
function allGone(pids: Pids): boolean {
  return [pids.shell, pids.server, pids.child].every((pid) => !isAlive(pid)) && taggedProcesses().length === 0;
}

describe('no orphan MCP server processes', () => {
  it('parent SIGKILLed: the watchdog kills the server group (shell, server, its helper)', async () => {
    const { pid, pids, exited } = await startParent();
    expect(pids.shell).toBeGreaterThan(1);
    expect(pids.server).toBeGreaterThan(1);
    expect(pids.child).toBeGreaterThan(1);
    expect(isAlive(pids.server) && isAlive(pids.child) && isAlive(pids.shell)).toBe(true);
    process.kill(pid, 'SIGKILL');
    await exited;
    expect(await waitUntil(() => allGone(pids), 5000)).toBe(true);
  });

  it('parent interrupted (SIGINT): close() stops everything and the parent exits 130', async () => {
    const { pid, pids, exited } = await startParent();
    process.kill(pid, 'SIGINT');
    expect(await exited).toBe(130);
    expect(await waitUntil(() => allGone(pids), 5000)).toBe(true);
  });

  it('parent crashes (uncaught error, no cleanup code): nothing survives', async () => {
    const { pids, exited } = await startParent({ MCP_PARENT_CRASH: '1' });
    expect(await exited).toBe(1);
    expect(await waitUntil(() => allGone(pids), 5000)).toBe(true);
  });
});
