/**
 * Where `mcp add` / `mcp remove` keep entries: the `mcpServers` object of the config file or of a
 * profile. The settings layer implements it; the commands only see raw JSON objects, so editing
 * keeps entries (and editor-specific keys) exactly as the user wrote them.
 */
export interface McpServersStore {
  /** For messages: `the config file (/path)` or `profile "work"`. */
  readonly label: string;
  read(): Promise<Record<string, unknown>>;
  /** Replaces the whole `mcpServers` object with what `update` returns. */
  write(update: (servers: Record<string, unknown>) => Record<string, unknown>): Promise<void>;
}
