import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AZURE_REPLAY, azureGaTrace } from '../support/azure-traces.js';
import { everything, fault, filesystem, taggedProcesses, waitUntil } from '../support/mcp-servers.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { runCli } from '../support/run-cli.js';
import type { TraceLine } from '../support/traces.js';
import { loadBidiTrace } from '../support/traces.js';
import { GEMINI_TOOL_TRACE } from '../unit/providers/gemini/support/gemini-traces.js';
import type { McpServerConfig } from '../../src/tools/mcp/config.js';

/**
 * The recorded function-call traces with their tool replaced by the everything server's `echo`:
 * the built CLI starts the real MCP server, the replay server plays the model.
 */
const KEY = 'azure-VERYSECRET-key-0123456789';
const tmp = (): string => mkdtempSync(join(tmpdir(), 'vc-mcp-e2e-'));

function withTool(trace: TraceLine[], from: string, to: string, argsFrom: string, argsTo: string): TraceLine[] {
  return trace.map((line) =>
    line.dir === 's2c'
      ? (JSON.parse(JSON.stringify(line).split(from).join(to).split(argsFrom).join(argsTo)) as TraceLine)
      : line,
  );
}

/**
 * The Azure trace is audio-in: replayed against a text turn, its function call would arrive before
 * the prompt is sent, and the prompt (typed text) would then cancel the running call as a user
 * interrupt. A gate on the prompt's response.create keeps the recorded order: prompt, then call.
 */
function afterPrompt(trace: TraceLine[]): TraceLine[] {
  const at = trace.findIndex((l) => l.event['type'] === 'session.updated') + 1;
  return [...trace.slice(0, at), { dir: 'c2s', event: { type: 'response.create' } }, ...trace.slice(at)];
}
// remember_name({"name": "Marcelo"}) -> echo({"message": "Marcelo"}), in the escaped argument text
const azureEcho = afterPrompt(withTool(azureGaTrace, 'remember_name', 'echo', '\\"name\\"', '\\"message\\"'));
const azureWrite = afterPrompt(withTool(azureGaTrace, 'remember_name', 'write_file', '\\"name\\"', '\\"path\\"'));
const geminiEcho = withTool(loadBidiTrace(GEMINI_TOOL_TRACE), 'get_weather', 'echo', '"city"', '"message"');

function mcpConfig(...servers: McpServerConfig[]): string {
  const file = join(tmp(), 'mcp.json');
  const entries = Object.fromEntries(
    servers.map((s) => [
      s.name,
      s.transport === 'stdio' ? { command: s.command, args: s.args, env: s.env, cwd: s.cwd } : {},
    ]),
  );
  writeFileSync(file, JSON.stringify({ mcpServers: entries }));
  return file;
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  // no MCP server outlives the run that started it
  expect(await waitUntil(() => taggedProcesses().length === 0, 3000)).toBe(true);
});
afterAll(() => expect(taggedProcesses()).toEqual([]));

const sentToModel = (s: ReplayServer): Record<string, unknown>[] =>
  s.received
    .map((m) => m.json ?? {})
    .filter((m) => (m['item'] as Record<string, unknown> | undefined)?.['type'] === 'function_call_output');

async function azureOneShot(extra: string[], config: string, trace = azureEcho) {
  server = await startReplayServer({ trace, ...AZURE_REPLAY });
  const result = await runCli(
    ['--provider', 'azure-openai', '--text', 'Hello, my name is Marcelo.', '--mcp-config', config, ...extra],
    {
      env: {
        AZURE_OPENAI_API_KEY: KEY,
        AZURE_OPENAI_ENDPOINT: server.httpBase,
        AZURE_OPENAI_DEPLOYMENT: 'gpt-realtime',
        HOME: tmp(),
      },
      timeoutMs: 40_000,
    },
  );
  return { result, server };
}

describe('MCP tools end to end (built CLI, replay server, real MCP servers)', () => {
  it('one-shot: --allow-tool everything/echo runs the real echo tool and sends its output for the call', async () => {
    const { result, server } = await azureOneShot(['--allow-tool', 'everything/echo'], mcpConfig(everything()));
    expect(result.code).toBe(0);
    expect(result.stdout).not.toBe('');
    const tools = server.received.find((m) => m.json?.['type'] === 'session.update')?.json?.['session'] as Record<
      string,
      unknown
    >;
    expect((tools['tools'] as { name: string }[]).map((t) => t.name)).toContain('echo');
    const outputs = sentToModel(server);
    expect(outputs).toHaveLength(1);
    expect(outputs[0]?.['item']).toMatchObject({ call_id: 'call_42LHxWvnwPP9TAch' });
    expect(String((outputs[0]?.['item'] as Record<string, unknown>)['output'])).toContain('Echo: Marcelo');
    expect(result.stderr).not.toContain('refused');
  }, 60_000);

  it('one-shot, a tool that changes things and is not on the allow list: refused, said on stderr, the model is told', async () => {
    const dir = tmp();
    const { result, server } = await azureOneShot([], mcpConfig(filesystem(dir)), azureWrite);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('refused fs/write_file: not allowed (use --allow-tool fs/write_file)');
    expect(readdirSync(dir)).toEqual([]);
    const output = JSON.parse(
      String((sentToModel(server)[0]?.['item'] as Record<string, unknown>)['output']),
    ) as Record<string, unknown>;
    expect(output['status']).toBe('refused');
  }, 60_000);

  it('--json carries the decision and the outcome of the call', async () => {
    const { result } = await azureOneShot(['--json', '--allow-tool', 'everything/*'], mcpConfig(everything()));
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    // echo is marked read-only by its server: it runs without asking
    expect(lines.find((l) => l['type'] === 'tool.decided')).toMatchObject({ decision: 'run', reason: 'read-only' });
    expect(lines.find((l) => l['type'] === 'tool.finished')).toMatchObject({ outcome: 'ok', sentToModel: true });
  }, 60_000);

  it('a server that fails to start is a notice; the run goes on and the call gets an error the model can read', async () => {
    const { result, server } = await azureOneShot([], mcpConfig(fault('everything', { FAULT_MODE: 'exit' })));
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/MCP server "everything" is not available: .*refusing to start/);
    const output = String((sentToModel(server)[0]?.['item'] as Record<string, unknown>)['output']);
    expect(output).toContain('unknown tool');
  }, 60_000);

  it('an unreadable --mcp-config file is a config error (exit 78)', async () => {
    const result = await runCli(['--provider', 'openai', '--text', 'hi', '--mcp-config', '/nonexistent/mcp.json'], {
      env: { OPENAI_API_KEY: 'sk-test', HOME: tmp() },
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('Cannot read the MCP config file /nonexistent/mcp.json');
  });

  it('Gemini: the tool-call trace answered by the real echo tool', async () => {
    server = await startReplayServer({ trace: geminiEcho, dialect: 'gemini', binaryFrames: true });
    const result = await runCli(
      [
        '--provider',
        'gemini',
        '--endpoint',
        `${server.httpBase}/api/llm/live/acct`,
        '--auth-style',
        'bearer',
        '--text',
        'What is the weather in London?',
        '--mcp-config',
        mcpConfig(everything()),
        '--allow-tool',
        'everything/echo',
      ],
      { env: { GEMINI_API_KEY: 'AIzaSy-test-key', HOME: tmp() }, timeoutMs: 40_000 },
    );
    expect(result.code).toBe(0);
    const response = server.received.find((m) => m.json?.['toolResponse'] !== undefined)?.json;
    expect(response).toMatchObject({
      toolResponse: { functionResponses: [{ id: 'fc_3880303533621599938', name: 'echo' }] },
    });
    expect(JSON.stringify(response)).toContain('Echo: London');
  }, 60_000);
});

describe('voicechat mcp list', () => {
  it('starts the everything server from the config file, prints its tools, and stops it', async () => {
    const dir = tmp();
    const env = { VOICECHAT_CONFIG_DIR: dir, HOME: dir };
    const add = await runCli(
      [
        'mcp',
        'add',
        'everything',
        '--env',
        `VC_MCP_TEST_TAG=${everything().env['VC_MCP_TEST_TAG']}`,
        '--',
        process.execPath,
        ...everything().args,
      ],
      { env },
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const list = await runCli(['mcp', 'list'], { env, timeoutMs: 40_000 });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/everything\s+stdio\s+ready/);
    expect(list.stdout).toMatch(/echo\s+(asks|read-only)/);
    const json = await runCli(['mcp', 'list', '--json', '--allow-tool', 'everything/echo'], { env, timeoutMs: 40_000 });
    const parsed = JSON.parse(json.stdout) as { servers: { tools: { name: string }[] }[]; allowTools: string[] };
    expect(parsed.servers[0]?.tools.map((t) => t.name)).toContain('echo');
    expect(parsed.allowTools).toEqual(['everything/echo']);
    const removed = await runCli(['mcp', 'remove', 'everything'], { env });
    expect(removed.code).toBe(0);
    const none = await runCli(['mcp', 'list', '--no-start'], { env });
    expect(none.stdout).toContain('No MCP servers configured');
  }, 90_000);
});
