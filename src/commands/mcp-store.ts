import { UsageError } from '../core/errors.js';

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

/** The store over the config file: its global `mcpServers`, or a profile's. */
export async function configMcpStore(env: NodeJS.ProcessEnv, profile: string | undefined): Promise<McpServersStore> {
  const { readConfig, updateConfig } = await import('../config/config-store.js');
  const { path } = await readConfig(env);
  const asObject = (value: unknown): Record<string, unknown> =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? { ...(value as Record<string, unknown>) }
      : {};
  return {
    label: profile === undefined ? `the config file (${path})` : `profile "${profile}"`,
    read: async () => {
      const { data } = await readConfig(env);
      if (profile === undefined) return asObject(data.settings?.mcpServers);
      const stored = data.profiles?.[profile];
      if (stored === undefined) throw new UsageError(`No profile named "${profile}" in ${path}.`);
      return asObject(stored.mcpServers);
    },
    write: async (update) => {
      await updateConfig(env, (data) => {
        if (profile === undefined) {
          return { ...data, settings: { ...data.settings, mcpServers: update(asObject(data.settings?.mcpServers)) } };
        }
        const stored = data.profiles?.[profile];
        if (stored === undefined) throw new UsageError(`No profile named "${profile}" in ${path}.`);
        return {
          ...data,
          profiles: { ...data.profiles, [profile]: { ...stored, mcpServers: update(asObject(stored.mcpServers)) } },
        };
      });
    },
  };
}
