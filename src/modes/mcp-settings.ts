import { readFile } from 'node:fs/promises';
import { ConfigError } from '../core/errors.js';
import type { PartialSettings } from '../config/settings.js';
import {
  describeProblem,
  mergeMcpServers,
  parseAllowTools,
  parseMcpConfigText,
  parseMcpServers,
  type McpServerConfig,
} from '../tools/mcp/config.js';

/** The MCP part of a run: servers to start, tools that need no confirmation, and what was skipped. */
export interface McpSettings {
  servers: McpServerConfig[];
  allowTools: string[];
  /** One line per bad entry (the entry is skipped, the rest is used). */
  notices: string[];
}

export const NO_MCP: McpSettings = { servers: [], allowTools: [], notices: [] };

export interface McpFileLayer {
  path: string;
  text: string;
}

/**
 * Servers merge per name (config < profile < --mcp-config file); the allow list is the union of
 * every layer and the flags, because each layer only ever widens what runs unasked. Pure.
 */
export function resolveMcpSettings(
  layers: { config: PartialSettings; profile: PartialSettings | undefined; flags: readonly string[] },
  file: McpFileLayer | undefined,
): McpSettings {
  const notices: string[] = [];
  const parsedLayer = (value: unknown, where: string): McpServerConfig[] => {
    const parsed = parseMcpServers(value);
    for (const problem of parsed.problems) notices.push(`${where}: ${describeProblem(problem)} (skipped)`);
    return parsed.servers;
  };
  const fromFile = file === undefined ? undefined : parseMcpConfigText(file.text);
  for (const problem of fromFile?.problems ?? []) notices.push(`${file?.path}: ${describeProblem(problem)} (skipped)`);
  const servers = mergeMcpServers(
    parsedLayer(layers.config.mcpServers, 'config'),
    parsedLayer(layers.profile?.mcpServers, 'profile'),
    fromFile?.servers ?? [],
  );
  const wanted = [
    ...(layers.config.allowTools ?? []),
    ...(layers.profile?.allowTools ?? []),
    ...(fromFile?.allowTools ?? []),
    ...layers.flags,
  ];
  const allow = parseAllowTools(wanted);
  for (const problem of allow.problems) {
    const index = Number(/\[(\d+)\]/.exec(problem.field)?.[1]);
    notices.push(`allowed tool "${wanted[index] ?? ''}": ${problem.message} (skipped)`);
  }
  return { servers, allowTools: [...new Set(allow.allowTools)], notices };
}

/** Reads `--mcp-config FILE`; a file that cannot be read ends the run (exit 78) rather than running without it. */
export async function readMcpConfigFile(path: string | undefined): Promise<McpFileLayer | undefined> {
  if (path === undefined) return undefined;
  try {
    return { path, text: await readFile(path, 'utf8') };
  } catch (error) {
    throw new ConfigError(
      `Cannot read the MCP config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      {
        hint: 'Give a JSON file with an "mcpServers" object (the shape editors use).',
      },
    );
  }
}
