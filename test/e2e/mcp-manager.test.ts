import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinToolProvider } from '../../src/core/builtin-tool-provider.js';
import { redact } from '../../src/core/secrets.js';
import { ToolBox } from '../../src/core/tool-box.js';
import { toolsForProvider } from '../../src/providers/tool-declarations.js';
import { McpManager } from '../../src/tools/mcp/manager.js';
import {
  everything,
  EVERYTHING_BIN,
  fault,
  filesystem,
  freePort,
  isAlive,
  taggedProcesses,
  TEST_TAG,
  TEST_TAG_VAR,
  waitUntil,
} from '../support/mcp-servers.js';

const never = new AbortController().signal;

describe('McpManager with real servers (everything, filesystem) and the fault server', () => {
  let dir: string;
  let logFile: string;
  let manager: McpManager;
  let box: ToolBox;
  let startMs: number;
  const pids: number[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vc-mcp-'));
    logFile = join(dir, 'fault.log');
    writeFileSync(join(dir, 'hello.txt'), 'hello from the temp dir\n');
    const started = Date.now();
    manager = await McpManager.start(
      [
        everything(),
        filesystem(dir),
        fault('faults', { FAULT_LOG: logFile }),
        fault('hangs', { FAULT_MODE: 'hang' }),
        fault('dies', { FAULT_MODE: 'exit' }),
        { ...fault('unset'), env: { API_TOKEN: '${VC_TEST_SURELY_UNSET_VAR}' } },
        { ...fault('off'), disabled: true },
        { ...fault('missing'), command: 'vc-no-such-command-xyz' },
      ],
      { startTimeoutMs: 6000, maxOutputChars: 4000 },
    );
    startMs = Date.now() - started;
    for (const status of manager.statuses()) if (status.pid !== undefined) pids.push(status.pid);
    box = new ToolBox([builtinToolProvider(), ...manager.providers()]);
  }, 30_000);

  afterAll(async () => {
    await manager.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts servers in parallel: failures are states with a reason, the others are ready', () => {
    const states = Object.fromEntries(manager.statuses().map((s) => [s.name, s.state]));
    expect(states['everything']).toEqual({ kind: 'ready' });
    expect(states['fs']).toEqual({ kind: 'ready' });
    expect(states['faults']).toEqual({ kind: 'ready' });
    expect(states['hangs']).toMatchObject({
      kind: 'failed',
      error: expect.stringContaining('did not start within 6000 ms'),
    });
    expect(states['dies']).toMatchObject({ kind: 'failed', error: expect.stringContaining('refusing to start') });
    expect(states['unset']).toMatchObject({
      kind: 'failed',
      error: expect.stringContaining('mcpServers.unset.env.API_TOKEN names ${VC_TEST_SURELY_UNSET_VAR}'),
    });
    expect(states['off']).toEqual({ kind: 'disabled' });
    expect(states['missing']).toEqual({
      kind: 'failed',
      error: 'command "vc-no-such-command-xyz" not found (is it installed and on PATH?)',
    });
    // one timeout, not the sum of them: the hang and the slow starters overlapped
    expect(startMs).toBeLessThan(6000 + 4000);
  });

  it('lists tools with read-only hints; the clock stays', () => {
    const everythingTools = manager.statuses().find((s) => s.name === 'everything')?.tools ?? [];
    expect(everythingTools.find((t) => t.name === 'echo')).toMatchObject({ readOnly: true });
    expect(everythingTools.length).toBeGreaterThan(5);
    expect(box.find('get_current_time')?.source).toBe('builtin');
    expect(box.find('read_text_file')?.source).toBe('fs');
  });

  it("declares the real servers' tools for Gemini, skipping only what it cannot express", () => {
    const { tools, skipped } = toolsForProvider('gemini', box.definitions());
    expect(skipped.map((s) => s.name)).toContain('tree');
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(['get_current_time', 'echo', 'read_text_file', 'slow']),
    );
    // every skip names the place in the schema
    for (const skip of skipped) expect(skip.reason).toMatch(/at \/\S* .*which Gemini cannot express/);
    expect(toolsForProvider('openai', box.definitions()).skipped).toEqual([]);
  });

  it('calls tools: text, structured content, images summarised, filesystem on the temp dir', async () => {
    expect(await box.call('echo', '{"message":"hi there"}', never)).toEqual({ kind: 'ok', output: 'Echo: hi there' });
    const structured = await box.call('get-structured-content', '{"location":"New York"}', never);
    expect(structured.kind).toBe('ok');
    expect(JSON.parse(structured.output.split('\n').at(-1) ?? '')).toHaveProperty('temperature');
    const image = await box.call('get-tiny-image', '{}', never);
    expect(image.output).toMatch(/\[image: image\/png, \d+ bytes, not shown\]/);
    const file = await box.call('read_text_file', JSON.stringify({ path: join(dir, 'hello.txt') }), never);
    expect(file).toEqual({ kind: 'ok', output: 'hello from the temp dir\n' });
    const outside = await box.call('read_text_file', '{"path":"/etc/hostname"}', never);
    expect(outside.kind).toBe('error');
  });

  it('truncates long results with a marker and passes isError as an error', async () => {
    const huge = await box.call('huge', '{"chars":100000}', never);
    expect(huge.kind).toBe('ok');
    expect(huge.output).toHaveLength(4000 + '\n[truncated by voicechat: 4000 of 100000 characters shown]'.length);
    expect(huge.output.endsWith('[truncated by voicechat: 4000 of 100000 characters shown]')).toBe(true);
    expect(await box.call('fail', '{}', never)).toEqual({
      kind: 'error',
      output: '{"error":"this tool always fails"}',
    });
    expect((await box.call('nope', '{}', never)).kind).toBe('error');
    expect((await box.call('echo', '{not json', never)).output).toContain('not valid JSON');
  });

  it('cancels a running call through MCP cancellation: the server sees it, the model gets "cancelled"', async () => {
    const controller = new AbortController();
    const call = box.call('slow', '{"ms":20000}', controller.signal);
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const outcome = await call;
    expect(outcome.kind).toBe('cancelled');
    expect(outcome.output).toContain('cancelled by the user');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await waitUntil(() => readFileSync(logFile, 'utf8').includes('cancelled 20000'), 3000)).toBe(true);
  });

  it('refreshes the list on tools/list_changed and tells the box', async () => {
    let changes = 0;
    const off = box.onChanged(() => (changes += 1));
    expect(box.find('extra')).toBeUndefined();
    await box.call('add_tool', '{}', never);
    expect(await waitUntil(() => box.find('extra') !== undefined, 3000)).toBe(true);
    expect(changes).toBeGreaterThan(0);
    expect(await box.call('extra', '{}', never)).toEqual({ kind: 'ok', output: 'extra ran' });
    off();
  });

  it('a server that crashes mid-call: the call errors, its tools go, the rest keep working', async () => {
    const outcome = await box.call('crash', '{}', never);
    expect(outcome.kind).toBe('error');
    expect(outcome.output).toContain('faults');
    expect(
      await waitUntil(() => manager.statuses().find((s) => s.name === 'faults')?.state.kind === 'exited', 3000),
    ).toBe(true);
    expect(box.find('slow')).toBeUndefined();
    expect((await box.call('echo', '{"message":"still here"}', never)).output).toBe('Echo: still here');
  });

  it('close() leaves no server process behind', async () => {
    expect(pids.length).toBeGreaterThanOrEqual(2);
    await manager.close();
    expect(await waitUntil(() => pids.every((pid) => !isAlive(pid)), 5000)).toBe(true);
    expect(manager.statuses().every((s) => s.state.kind !== 'ready')).toBe(true);
  });
});

describe('names and Streamable HTTP', () => {
  it('qualifies names only where two servers clash', async () => {
    const manager = await McpManager.start([everything('one'), everything('two')], { startTimeoutMs: 15_000 });
    try {
      const box = new ToolBox([builtinToolProvider(), ...manager.providers()]);
      const names = box.descriptors().map((d) => d.modelName);
      expect(names).toContain('one__echo');
      expect(names).toContain('two__echo');
      expect(names).not.toContain('echo');
      expect(names).toContain('get_current_time');
      expect((await box.call('two__echo', '{"message":"x"}', never)).output).toBe('Echo: x');
    } finally {
      await manager.close();
    }
  }, 30_000);

  it('talks Streamable HTTP with headers from ${VAR}, redacted', async () => {
    const port = await freePort();
    const server: ChildProcess = spawn(process.execPath, [EVERYTHING_BIN, 'streamableHttp'], {
      env: { ...process.env, PORT: String(port), [TEST_TAG_VAR]: TEST_TAG },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      let banner = '';
      server.stderr?.on('data', (chunk: Buffer) => (banner += chunk.toString()));
      expect(await waitUntil(() => banner.includes('listening'), 15_000)).toBe(true);
      const token = 'vc-test-token-8f3a2c91';
      const manager = await McpManager.start(
        [
          {
            transport: 'http',
            name: 'remote',
            url: `http://127.0.0.1:${port}/mcp`,
            headers: { Authorization: 'Bearer ${VC_TEST_MCP_TOKEN}' },
            disabled: false,
          },
        ],
        { env: { VC_TEST_MCP_TOKEN: token }, startTimeoutMs: 10_000 },
      );
      try {
        expect(manager.statuses()[0]?.state).toEqual({ kind: 'ready' });
        const box = new ToolBox(manager.providers());
        expect((await box.call('echo', '{"message":"over http"}', never)).output).toBe('Echo: over http');
        expect(redact(`sent ${token} alone`)).toBe('sent *** alone');
      } finally {
        await manager.close();
      }
    } finally {
      server.kill('SIGKILL');
    }
  }, 30_000);

  it('an HTTP server that is not there fails its start, quickly and without throwing', async () => {
    const port = await freePort();
    const manager = await McpManager.start(
      [{ transport: 'http', name: 'gone', url: `http://127.0.0.1:${port}/mcp`, headers: {}, disabled: false }],
      { startTimeoutMs: 5000 },
    );
    expect(manager.statuses()[0]?.state).toMatchObject({ kind: 'failed' });
    await manager.close();
  });
});

afterAll(async () => {
  // the process table, not our bookkeeping: nothing this file started may still run
  expect(await waitUntil(() => taggedProcesses().length === 0, 5000)).toBe(true);
});
