import { assertNever } from '../core/assert-never.js';
import { ExitCode, type ExitCodeValue } from '../core/errors.js';
import { redactUrl } from '../core/secrets.js';
import type { McpConfigProblem, McpServerConfig } from '../tools/mcp/config.js';
import { describeProblem } from '../tools/mcp/config.js';
import { maskValue } from '../tools/mcp/expand-vars.js';
import type { ServerStatus } from '../tools/mcp/manager.js';
import type { ServerState } from '../tools/mcp/server-connection.js';
import { formatTable } from './format-table.js';
import { printJson, printNote, printText } from './output.js';

export interface McpListInput {
  /** Every configured server, layers already merged (config < profile < --mcp-config). */
  servers: readonly McpServerConfig[];
  problems: readonly McpConfigProblem[];
  allowTools: readonly string[];
}

export interface McpListOptions {
  json?: boolean | undefined;
  /** false (`--no-start`): show the configuration only, start nothing. */
  start?: boolean | undefined;
  startTimeoutMs?: number | undefined;
}

/** How to start it, for a human: secrets masked, `${VAR}` shown as written. */
export function describeTarget(server: McpServerConfig): string {
  switch (server.transport) {
    case 'stdio': {
      const env = Object.entries(server.env).map(([k, v]) => `${k}=${maskValue(k, v, false)}`);
      return [...env, server.command, ...server.args].join(' ');
    }
    case 'http': {
      const headers = Object.keys(server.headers).map((k) => `${k}: ***`);
      return [redactUrl(server.url), ...headers.map((h) => `(${h})`)].join(' ');
    }
  }
}

export function describeState(state: ServerState): string {
  switch (state.kind) {
    case 'starting':
      return 'starting';
    case 'ready':
      return 'ready';
    case 'failed':
      return `failed: ${state.error}`;
    case 'exited':
      return `exited: ${state.error}`;
    case 'disabled':
      return 'disabled';
    case 'closed':
      return 'stopped';
    default:
      return assertNever(state, 'server state');
  }
}

/** The table `mcp list` prints. Pure. */
export function formatMcpList(
  servers: readonly McpServerConfig[],
  statuses: readonly ServerStatus[] | undefined,
  allowTools: readonly string[],
): string {
  if (servers.length === 0)
    return 'No MCP servers configured. Add one with: voicechat mcp add NAME -- COMMAND [ARGS...]';
  const blocks = servers.map((server) => {
    const status = statuses?.find((s) => s.name === server.name);
    const state = status === undefined ? (server.disabled ? 'disabled' : 'not started') : describeState(status.state);
    const head = formatTable([
      [server.name, server.transport, state],
      ['', '', describeTarget(server)],
    ]);
    const tools = (status?.tools ?? []).map((tool) => {
      const how = tool.readOnly
        ? 'read-only'
        : allowTools.includes(`${server.name}/${tool.name}`) || allowTools.includes(`${server.name}/*`)
          ? 'allowed'
          : 'asks';
      return ['', `  ${tool.name}`, how];
    });
    return tools.length === 0 ? head : `${head}\n${formatTable(tools)}`;
  });
  return blocks.join('\n\n');
}

/** `voicechat mcp list`: starts the servers (unless `--no-start`), shows state and tools, stops them. */
export async function runMcpList(input: McpListInput, options: McpListOptions): Promise<ExitCodeValue> {
  for (const problem of input.problems) printNote(`Skipped: ${describeProblem(problem)}`);
  let statuses: ServerStatus[] | undefined;
  if (options.start !== false && input.servers.length > 0) {
    // the SDK is loaded only here, never by --help or other commands
    const { McpManager } = await import('../tools/mcp/manager.js');
    const manager = await McpManager.start(input.servers, { startTimeoutMs: options.startTimeoutMs ?? 20_000 });
    try {
      statuses = manager.statuses();
    } finally {
      await manager.close();
    }
  }
  if (options.json === true) {
    printJson({
      servers: input.servers.map((server) => {
        const status = statuses?.find((s) => s.name === server.name);
        return {
          name: server.name,
          transport: server.transport,
          target: describeTarget(server),
          state: status?.state ?? { kind: server.disabled ? 'disabled' : 'not-started' },
          tools: status?.tools ?? [],
        };
      }),
      allowTools: input.allowTools,
      problems: input.problems.map(describeProblem),
    });
  } else {
    printText(formatMcpList(input.servers, statuses, input.allowTools));
  }
  const failed = statuses?.some((s) => s.state.kind === 'failed') === true || input.problems.length > 0;
  return failed ? ExitCode.unexpected : ExitCode.ok;
}
