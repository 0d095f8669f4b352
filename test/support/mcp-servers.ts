import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { StdioServerConfig } from '../../src/tools/mcp/config.js';

/** Real MCP servers from npm (installed devDependencies, never downloaded) and our fault server. */

const root = fileURLToPath(new URL('../../', import.meta.url));
export const EVERYTHING_BIN = `${root}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
export const FILESYSTEM_BIN = `${root}node_modules/@modelcontextprotocol/server-filesystem/dist/index.js`;
export const FAULT_SERVER = `${root}test/support/mcp-fault-server.mjs`;
export const TSX_LOADER = `${root}node_modules/tsx/dist/esm/index.mjs`;

/**
 * Every server a test starts carries this variable (and its helpers inherit it), so the process
 * table can be searched for anything left behind by this test process.
 */
export const TEST_TAG_VAR = 'VC_MCP_TEST_TAG';
export const TEST_TAG = `vc-mcp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

function stdio(name: string, args: string[], env: Record<string, string> = {}): StdioServerConfig {
  return {
    transport: 'stdio',
    name,
    command: process.execPath,
    args,
    env: { [TEST_TAG_VAR]: TEST_TAG, ...env },
    cwd: root,
    disabled: false,
  };
}

/** Pids of live processes (not zombies) whose environment holds `tag`: /proc on Linux. */
export function taggedProcesses(tag = TEST_TAG): number[] {
  const needle = `${TEST_TAG_VAR}=${tag}`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1');
      if (environ.split('\0').includes(needle) && isAlive(Number(entry))) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

export const everything = (name = 'everything'): StdioServerConfig => stdio(name, [EVERYTHING_BIN, 'stdio']);
export const filesystem = (dir: string, name = 'fs'): StdioServerConfig => stdio(name, [FILESYSTEM_BIN, dir]);
export const fault = (name: string, env: Record<string, string> = {}): StdioServerConfig =>
  stdio(name, [FAULT_SERVER], env);

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // a zombie still answers kill(0); the process table says whether it really runs
  try {
    const state = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return state !== '' && !state.startsWith('Z');
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
  return check();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}
