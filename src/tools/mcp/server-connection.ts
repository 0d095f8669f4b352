import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { redact } from '../../core/secrets.js';
import type { ProvidedTool, ToolCallOutcome, ToolProvider } from '../../core/tool-box.js';
import { toolOutputs } from '../../core/tool-outputs.js';
import { VERSION } from '../../version.js';
import type { McpServerConfig } from './config.js';
import { formatToolResult, MAX_TOOL_OUTPUT_CHARS } from './format-result.js';
import { GroupStdioTransport, type GroupHooks } from './group-stdio-transport.js';

export type ServerState =
  | { kind: 'starting' }
  | { kind: 'ready' }
  | { kind: 'failed'; error: string }
  | { kind: 'exited'; error: string }
  | { kind: 'disabled' }
  | { kind: 'closed' };

export interface ConnectionOptions {
  startTimeoutMs: number;
  /** A single call may run this long (progress notifications restart the clock). */
  callTimeoutMs: number;
  maxOutputChars: number;
  hooks: GroupHooks;
}

export const DEFAULT_CONNECTION_OPTIONS: Omit<ConnectionOptions, 'hooks'> = {
  startTimeoutMs: 20_000,
  callTimeoutMs: 300_000,
  maxOutputChars: MAX_TOOL_OUTPUT_CHARS,
};

interface ListedTool {
  name: string;
  description?: string | undefined;
  inputSchema: Record<string, unknown>;
  annotations?: { readOnlyHint?: boolean | undefined } | undefined;
}

function toProvided(tool: ListedTool): ProvidedTool {
  return {
    name: tool.name,
    description: tool.description ?? '',
    parameters: tool.inputSchema,
    readOnly: tool.annotations?.readOnlyHint === true,
  };
}

function message(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}

/** One MCP server: its client, its state, its tools; a ToolProvider for the box. */
export class McpServerConnection implements ToolProvider {
  readonly id: string;
  readonly config: McpServerConfig;
  readonly #options: ConnectionOptions;
  readonly #listeners = new Set<() => void>();
  #client: Client | undefined;
  #transport: Transport | undefined;
  #tools: ProvidedTool[] = [];
  #state: ServerState = { kind: 'starting' };
  #closing = false;

  constructor(config: McpServerConfig, options: ConnectionOptions) {
    this.id = config.name;
    this.config = config;
    this.#options = options;
    if (config.disabled) this.#state = { kind: 'disabled' };
  }

  get state(): ServerState {
    return this.#state;
  }

  get pid(): number | undefined {
    return this.#transport instanceof GroupStdioTransport ? this.#transport.pid : undefined;
  }

  /** A server that cannot even be launched (a missing `${VAR}`): reported like a failed start. */
  fail(error: string): void {
    this.#state = { kind: 'failed', error: redact(error) };
  }

  tools(): readonly ProvidedTool[] {
    return this.#state.kind === 'ready' ? this.#tools : [];
  }

  onToolsChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when ready or failed; never rejects. `config` must already be expanded. */
  async start(): Promise<ServerState> {
    if (this.#state.kind !== 'starting') return this.#state;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`did not start within ${this.#options.startTimeoutMs} ms`)),
        this.#options.startTimeoutMs,
      );
    });
    try {
      await Promise.race([this.#connect(), timeout]);
      if (this.#closing) return this.#state;
      this.#state = { kind: 'ready' };
    } catch (error) {
      const tail = this.#transport instanceof GroupStdioTransport ? this.#transport.stderrTail().slice(-3) : [];
      const detail = tail.length === 0 ? '' : ` (stderr: ${tail.join(' | ')})`;
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' && this.config.transport === 'stdio'
          ? `command "${this.config.command}" not found (is it installed and on PATH?)`
          : message(error);
      this.#state = { kind: 'failed', error: redact(`${reason}${detail}`) };
      await this.#shutdown();
    } finally {
      clearTimeout(timer);
    }
    return this.#state;
  }

  async #connect(): Promise<void> {
    const client = new Client(
      { name: 'voicechat', version: VERSION },
      {
        capabilities: {},
        listChanged: {
          tools: {
            autoRefresh: false,
            onChanged: () => void this.#refresh(),
          },
        },
      },
    );
    this.#client = client;
    const transport = this.#makeTransport();
    this.#transport = transport;
    client.onclose = () => this.#onClosed();
    await client.connect(transport);
    this.#tools = await this.#listAll(client);
  }

  #makeTransport(): Transport {
    const config = this.config;
    switch (config.transport) {
      case 'stdio':
        return new GroupStdioTransport(
          { command: config.command, args: config.args, env: config.env, cwd: config.cwd },
          this.#options.hooks,
        );
      case 'http':
        return new StreamableHTTPClientTransport(new URL(config.url), { requestInit: { headers: config.headers } });
    }
  }

  async #listAll(client: Client): Promise<ProvidedTool[]> {
    const tools: ProvidedTool[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? undefined : { cursor });
      for (const tool of page.tools) tools.push(toProvided(tool));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return tools;
  }

  async #refresh(): Promise<void> {
    const client = this.#client;
    if (client === undefined || this.#state.kind !== 'ready') return;
    try {
      this.#tools = await this.#listAll(client);
    } catch {
      return; // the old list stays; a dead server is handled by onclose
    }
    for (const listener of this.#listeners) listener();
  }

  #onClosed(): void {
    if (this.#closing || this.#state.kind !== 'ready') return;
    const tail = this.#transport instanceof GroupStdioTransport ? this.#transport.stderrTail().slice(-3) : [];
    this.#state = {
      kind: 'exited',
      error: redact(tail.length === 0 ? 'the server closed the connection' : tail.join(' | ')),
    };
    for (const listener of this.#listeners) listener();
  }

  async call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolCallOutcome> {
    const client = this.#client;
    if (client === undefined || this.#state.kind !== 'ready') {
      return { kind: 'error', output: toolOutputs.error(`the MCP server "${this.id}" is not running`) };
    }
    if (signal.aborted) return { kind: 'cancelled', output: toolOutputs.cancelled() };
    try {
      const result = await client.callTool({ name, arguments: args }, undefined, {
        signal,
        timeout: this.#options.callTimeoutMs,
        resetTimeoutOnProgress: true,
        // asking for progress keeps long calls alive past the timeout while the server reports
        onprogress: () => undefined,
      });
      return formatToolResult(result, this.#options.maxOutputChars);
    } catch (error) {
      if (signal.aborted) return { kind: 'cancelled', output: toolOutputs.cancelled() };
      return { kind: 'error', output: toolOutputs.error(`MCP server "${this.id}": ${message(error)}`) };
    }
  }

  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    if (this.#state.kind === 'ready' || this.#state.kind === 'starting') this.#state = { kind: 'closed' };
    await this.#shutdown();
  }

  async #shutdown(): Promise<void> {
    const transport = this.#transport;
    if (transport instanceof StreamableHTTPClientTransport) {
      // tell the server the session is over; a server that ignores it must not hold up exit
      await Promise.race([transport.terminateSession().catch(() => undefined), delay(1000)]);
    }
    try {
      await (this.#client?.close() ?? transport?.close());
    } catch {
      // closing a broken transport
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
