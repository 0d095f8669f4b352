import { execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { StdioServerConfig } from '../../src/tools/mcp/config.js';

/** Real MCP servers from npm (installed devDependencies, never downloaded) and our fault server. */

const root = fileURLToPath(new URL('../../', import.meta.url));
export const EVERYTHING_BIN = `${root}node_modules/@modelcontextprotocol/server-everything/dist/index.js`;
export const FILESYSTEM_BIN = `${root}node_modules/@modelcontextprotocol/server-filesystem/dist/index.js`;
export const FAULT_SERVER = `${root}test/support/mcp-fault-server.mjs`;
export const TSX_LOADER = `${root}node_modules/tsx/dist/esm/index.mjs`;

function stdio(name: string, args: string[], env: Record<string, string> = {}): StdioServerConfig {
  return { transport: 'stdio', name, command: process.execPath, args, env, cwd: root, disabled: false };
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
