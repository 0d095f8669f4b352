import type { ToolProvider } from '../../core/tool-box.js';
import type { McpServerConfig } from './config.js';
import { expandServerConfig } from './expand-vars.js';
import {
  DEFAULT_CONNECTION_OPTIONS,
  McpServerConnection,
  type ConnectionOptions,
  type ServerState,
} from './server-connection.js';
import { ProcessGroupWatchdog } from './watchdog.js';

export interface ServerStatus {
  name: string;
  transport: McpServerConfig['transport'];
  state: ServerState;
  tools: { name: string; description: string; readOnly: boolean }[];
  /** stdio servers: the process id while running. */
  pid: number | undefined;
}

export type McpManagerOptions = Partial<Omit<ConnectionOptions, 'hooks'>> & {
  env?: Readonly<Record<string, string | undefined>>;
};

/**
 * Every MCP server of a conversation: started together (each with a timeout; a failure is a state,
 * never a throw), stopped together. Process groups of stdio servers are also handed to a watchdog
 * process, so they die with voicechat even if it is SIGKILLed.
 */
export class McpManager {
  readonly #connections: McpServerConnection[];
  readonly #watchdog: ProcessGroupWatchdog | undefined;
  #closed: Promise<void> | undefined;

  private constructor(connections: McpServerConnection[], watchdog: ProcessGroupWatchdog | undefined) {
    this.#connections = connections;
    this.#watchdog = watchdog;
  }

  /** Starts every enabled server in parallel; resolves when each is ready or failed. */
  static async start(servers: readonly McpServerConfig[], options: McpManagerOptions = {}): Promise<McpManager> {
    const needsWatchdog = servers.some((s) => s.transport === 'stdio' && !s.disabled);
    const watchdog = needsWatchdog ? new ProcessGroupWatchdog() : undefined;
    const connectionOptions: ConnectionOptions = {
      ...DEFAULT_CONNECTION_OPTIONS,
      ...options,
      hooks: {
        spawned: (pid) => watchdog?.watch(pid),
        exited: (pid) => watchdog?.unwatch(pid),
      },
    };
    const connections = servers.map((server) => {
      try {
        return new McpServerConnection(expandServerConfig(server, options.env ?? process.env), connectionOptions);
      } catch (error) {
        const failed = new McpServerConnection({ ...server, disabled: false }, connectionOptions);
        failed.fail((error as Error).message);
        return failed;
      }
    });
    const manager = new McpManager(connections, watchdog);
    await Promise.all(connections.map((c) => c.start()));
    return manager;
  }

  /** Ready servers, for the ToolBox (a server that exits later offers no tools). */
  providers(): ToolProvider[] {
    return this.#connections.filter((c) => c.state.kind === 'ready');
  }

  statuses(): ServerStatus[] {
    return this.#connections.map((c) => ({
      name: c.id,
      transport: c.config.transport,
      state: c.state,
      tools: c.tools().map((t) => ({ name: t.name, description: t.description, readOnly: t.readOnly })),
      pid: c.pid,
    }));
  }

  /** Idempotent; stops every server (stdin close, then SIGTERM, then SIGKILL to its group). */
  close(): Promise<void> {
    this.#closed ??= Promise.all(this.#connections.map((c) => c.close())).then(() => this.#watchdog?.close());
    return this.#closed;
  }
}
