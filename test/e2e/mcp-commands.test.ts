import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildMcpEntry, literalSecretKeys, runMcpAdd } from '../../src/commands/mcp-add.js';
import { runMcpList } from '../../src/commands/mcp-list.js';
import { runMcpRemove } from '../../src/commands/mcp-remove.js';
import type { McpServersStore } from '../../src/commands/mcp-store.js';
import { UsageError } from '../../src/core/errors.js';
import { parseMcpServers } from '../../src/tools/mcp/config.js';
import { everything, fault, taggedProcesses, waitUntil } from '../support/mcp-servers.js';

/** An in-memory store with the contract the settings layer implements (a JSON round trip, like a file). */
function memoryStore(initial: Record<string, unknown> = {}): McpServersStore & { data: Record<string, unknown> } {
  const store = {
    label: 'the test config',
    data: JSON.parse(JSON.stringify(initial)) as Record<string, unknown>,
    read: () => Promise.resolve(JSON.parse(JSON.stringify(store.data)) as Record<string, unknown>),
    write: (update: (s: Record<string, unknown>) => Record<string, unknown>) => {
      store.data = JSON.parse(JSON.stringify(update(store.data))) as Record<string, unknown>;
      return Promise.resolve();
    },
  };
  return store;
}

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('mcp add / remove', () => {
  it('adds a command server in the mcpServers shape, keeping other entries untouched', async () => {
    const store = memoryStore({ other: { command: 'x', autoApprove: ['y'] } });
    await runMcpAdd(store, 'fs', { env: ['ROOT=/tmp', 'GITHUB_TOKEN=${GH_PAT}'] }, [
      'npx',
      '-y',
      'server-filesystem',
      '/tmp',
    ]);
    expect(store.data).toEqual({
      other: { command: 'x', autoApprove: ['y'] },
      fs: {
        command: 'npx',
        args: ['-y', 'server-filesystem', '/tmp'],
        env: { ROOT: '/tmp', GITHUB_TOKEN: '${GH_PAT}' },
      },
    });
    expect(out).toBe('Added MCP server "fs" to the test config.\n');
    expect(err).toBe('');
  });

  it('adds an HTTP server; a literal credential gets a note suggesting ${VAR}', async () => {
    const store = memoryStore();
    await runMcpAdd(store, 'remote', { url: 'https://example.com/mcp', header: ['Authorization: Bearer abc'] }, []);
    expect(store.data).toEqual({
      remote: { url: 'https://example.com/mcp', headers: { Authorization: 'Bearer abc' } },
    });
    expect(err).toContain('headers.Authorization is stored as plain text');
  });

  it.each([
    [{}, [], /Say how to start the server/],
    [{ url: 'https://x/mcp' }, ['cmd'], /either --url or a command/],
    [{ env: ['NOEQUALS'] }, ['cmd'], /--env "NOEQUALS" must look like KEY=VALUE/],
    [{ url: 'ftp://x' }, [], /mcpServers.n.url: must start with http/],
    [{ header: ['A: b'] }, ['cmd'], /--header applies to --url servers/],
  ])('refuses %j %j with a clear error', (options, argv, message) => {
    expect(() => {
      const entry = buildMcpEntry(options, argv);
      const { problems } = parseMcpServers({ n: entry });
      if (problems.length > 0) throw new UsageError(`mcpServers.n.${problems[0]?.field}: ${problems[0]?.message}`);
    }).toThrow(message);
  });

  it('will not silently replace an entry; --force does', async () => {
    const store = memoryStore({ fs: { command: 'old' } });
    await expect(runMcpAdd(store, 'fs', {}, ['new'])).rejects.toThrow('already in the test config');
    expect(store.data).toEqual({ fs: { command: 'old' } });
    await runMcpAdd(store, 'fs', { force: true }, ['new']);
    expect(store.data).toEqual({ fs: { command: 'new', args: [] } });
  });

  it('removes by name; an unknown name lists the known ones', async () => {
    const store = memoryStore({ a: { command: 'x' }, b: { url: 'https://b/mcp' } });
    await expect(runMcpRemove(store, 'c')).rejects.toMatchObject({ hint: 'Known: a, b.' });
    await runMcpRemove(store, 'a');
    expect(store.data).toEqual({ b: { url: 'https://b/mcp' } });
  });

  it('literalSecretKeys ignores ordinary values and ${VAR} references', () => {
    expect(literalSecretKeys({ env: { LOG: 'debug', API_KEY: '${K}', DB_PASSWORD: 'hunter22' } })).toEqual([
      'env.DB_PASSWORD',
    ]);
  });
});

describe('mcp list', () => {
  it('starts the servers, shows state, tools and how each tool is approved, then stops them', async () => {
    const { servers, problems } = parseMcpServers({ bad: { command: 5 } });
    const code = await runMcpList(
      {
        servers: [everything(), fault('dies', { FAULT_MODE: 'exit', API_TOKEN: 'literal-token-123' }), ...servers],
        problems,
        allowTools: ['everything/gzip-file-as-resource'],
      },
      { startTimeoutMs: 15_000 },
    );
    expect(code).toBe(1);
    expect(err).toContain('Skipped: mcpServers.bad.command: must be a non-empty string');
    expect(out).toMatch(/^everything\s+stdio\s+ready$/m);
    expect(out).toMatch(/^\s+echo\s+read-only$/m);
    expect(out).toMatch(/^\s+gzip-file-as-resource\s+allowed$/m);
    expect(out).toMatch(/^\s+toggle-simulated-logging\s+asks$/m);
    expect(out).toMatch(/^dies\s+stdio\s+failed: .*refusing to start/m);
    expect(out).toContain('API_TOKEN=***');
    expect(out).not.toContain('literal-token-123');
  });

  it('--json --no-start shows the configuration without starting anything', async () => {
    const code = await runMcpList(
      { servers: [everything()], problems: [], allowTools: [] },
      { json: true, start: false },
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as { servers: { name: string; state: { kind: string }; tools: unknown[] }[] };
    expect(parsed.servers).toEqual([
      expect.objectContaining({ name: 'everything', state: { kind: 'not-started' }, tools: [] }),
    ]);
  });
});

afterAll(async () => {
  expect(await waitUntil(() => taggedProcesses().length === 0, 5000)).toBe(true);
});
