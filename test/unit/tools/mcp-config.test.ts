import { describe, expect, it } from 'vitest';
import { redact } from '../../../src/core/secrets.js';
import {
  describeProblem,
  mergeMcpServers,
  parseMcpConfigText,
  parseMcpServers,
} from '../../../src/tools/mcp/config.js';
import { expandServerConfig, maskValue } from '../../../src/tools/mcp/expand-vars.js';

describe('mcpServers parsing', () => {
  it('reads stdio and HTTP entries in the shape editors use, ignoring their extra keys', () => {
    const { servers, problems } = parseMcpServers({
      fs: {
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
        env: { DEBUG: 1 },
        autoApprove: [],
      },
      remote: { type: 'http', url: 'https://example.com/mcp', headers: { Authorization: 'Bearer ${TOKEN}' } },
      off: { command: 'x', disabled: true },
    });
    expect(problems).toEqual([]);
    expect(servers).toEqual([
      {
        transport: 'stdio',
        name: 'fs',
        command: 'npx',
        args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
        env: { DEBUG: '1' },
        cwd: undefined,
        disabled: false,
      },
      {
        transport: 'http',
        name: 'remote',
        url: 'https://example.com/mcp',
        headers: { Authorization: 'Bearer ${TOKEN}' },
        disabled: false,
      },
      { transport: 'stdio', name: 'off', command: 'x', args: [], env: {}, cwd: undefined, disabled: true },
    ]);
  });

  it.each([
    [{ a: { args: [] } }, 'mcpServers.a.command: must be a non-empty string (or give "url")'],
    [{ a: { command: 'x', args: 'y' } }, 'mcpServers.a.args: must be an array of strings'],
    [{ a: { command: 'x', env: { K: { nested: 1 } } } }, 'mcpServers.a.env.K: must be a string'],
    [{ a: { url: 'ftp://x' } }, 'mcpServers.a.url: must start with http:// or https://'],
    [{ a: { url: 'https://x', headers: [] } }, 'mcpServers.a.headers: must be an object of strings'],
    [
      { a: { command: 'x', url: 'https://x' } },
      'mcpServers.a.command: give either "command" (stdio) or "url" (HTTP), not both',
    ],
    [{ a: { type: 'sse', url: 'https://x' } }, 'mcpServers.a.type: the legacy SSE transport is not supported'],
    [{ a: { type: 'websocket', url: 'https://x' } }, 'mcpServers.a.type: unknown transport "websocket"'],
    [{ 'bad name!': { command: 'x' } }, 'mcpServers.bad name!: use letters, digits'],
    [{ a: 'npx server' }, 'mcpServers.a: must be an object with "command" or "url"'],
    [[], 'mcpServers: must be an object keyed by server name'],
  ])('%j -> %s', (input, message) => {
    const { servers, problems } = parseMcpServers(input);
    expect(servers).toEqual([]);
    expect(problems.map(describeProblem).join('\n')).toContain(message);
  });

  it('a bad entry does not hide the good ones', () => {
    const { servers, problems } = parseMcpServers({ good: { command: 'x' }, bad: { command: 3 } });
    expect(servers.map((s) => s.name)).toEqual(['good']);
    expect(problems).toHaveLength(1);
  });

  it('--mcp-config reads a whole editor config, VS Code\'s "servers", or a bare object; allowTools too', () => {
    expect(parseMcpConfigText('{"mcpServers":{"a":{"command":"x"}},"allowTools":["a/run","a/*"]}')).toMatchObject({
      servers: [{ name: 'a' }],
      allowTools: ['a/run', 'a/*'],
      problems: [],
    });
    expect(parseMcpConfigText('{"servers":{"b":{"type":"stdio","command":"x"}}}').servers[0]?.name).toBe('b');
    expect(parseMcpConfigText('{"c":{"url":"http://localhost:1/mcp"}}').servers[0]?.transport).toBe('http');
    expect(parseMcpConfigText('{"mcpServers": {').problems[0]?.message).toMatch(/not valid JSON/);
    expect(
      parseMcpConfigText('{"mcpServers":{},"allowTools":["no spaces allowed here"]}').problems.map(describeProblem),
    ).toEqual(['allowTools[0]: must look like "server/tool" or "server/*"']);
  });

  it('later layers win per server name', () => {
    const a = parseMcpServers({ x: { command: 'one' }, y: { command: 'y' } }).servers;
    const b = parseMcpServers({ x: { command: 'two' } }).servers;
    expect(mergeMcpServers(a, b).map((s) => (s.transport === 'stdio' ? `${s.name}:${s.command}` : s.name))).toEqual([
      'x:two',
      'y:y',
    ]);
  });
});

describe('${VAR} expansion and redaction', () => {
  const [stdio, http] = parseMcpServers({
    s: {
      command: '${TOOLS}/bin/server',
      args: ['--root', '${ROOT:-/srv}'],
      env: { GITHUB_TOKEN: '${GH_PAT}', PLAIN: 'visible-value', LITERAL_API_KEY: 'sk-literal-0000' },
    },
    h: { url: 'https://example.com/mcp?api_key=${HKEY}', headers: { 'X-Custom': 'v-${HVAL}' } },
  }).servers;

  it('replaces references (with defaults) and registers secrets', () => {
    const env = { TOOLS: '/opt/t', GH_PAT: 'ghp_expanded_secret_1', HKEY: 'query-secret-77', HVAL: 'header-secret-99' };
    expect(expandServerConfig(stdio!, env)).toMatchObject({
      command: '/opt/t/bin/server',
      args: ['--root', '/srv'],
      env: { GITHUB_TOKEN: 'ghp_expanded_secret_1', PLAIN: 'visible-value', LITERAL_API_KEY: 'sk-literal-0000' },
    });
    expect(expandServerConfig(http!, env)).toMatchObject({
      url: 'https://example.com/mcp?api_key=query-secret-77',
      headers: { 'X-Custom': 'v-header-secret-99' },
    });
    expect(redact('ghp_expanded_secret_1 sk-literal-0000 query-secret-77 header-secret-99')).toBe('*** *** *** ***');
    // an ordinary env value is not a secret: redacting it would garble unrelated output
    expect(redact('visible-value')).toBe('visible-value');
  });

  it('a missing variable names server, field and variable, without its value', () => {
    expect(() => expandServerConfig(stdio!, { TOOLS: '/opt' })).toThrow(
      'mcpServers.s.env.GITHUB_TOKEN names ${GH_PAT}, which is not set',
    );
  });

  it('display masks literal secrets and shows references as written', () => {
    expect(maskValue('GITHUB_TOKEN', '${GH_PAT}', false)).toBe('${GH_PAT}');
    expect(maskValue('API_KEY', 'sk-123', false)).toBe('***');
    expect(maskValue('LOG_LEVEL', 'debug', false)).toBe('debug');
    expect(maskValue('X-Anything', 'abc', true)).toBe('***');
  });
});
