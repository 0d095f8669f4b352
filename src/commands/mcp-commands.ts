import type { ExitCodeValue } from '../core/errors.js';
import { readConfig } from '../config/config-store.js';
import { profileFrom } from '../config/profile-source.js';
import { readMcpConfigFile, resolveMcpSettings } from '../modes/mcp-settings.js';
import { PROVIDER_CATALOGUE } from '../providers/registry.js';
import { parseMcpServers } from '../tools/mcp/config.js';
import { runMcpList } from './mcp-list.js';

export interface McpListCommandOptions {
  json?: boolean;
  start?: boolean;
  profile?: string;
  mcpConfig?: string;
  allowTool?: string[];
}

/** `voicechat mcp list`: the servers a run would start (config < profile < --mcp-config), started and listed. */
export async function runMcpListCommand(options: McpListCommandOptions): Promise<ExitCodeValue> {
  const config = await readConfig(process.env);
  const profile = profileFrom(PROVIDER_CATALOGUE, config, options.profile);
  const settings = resolveMcpSettings(
    { config: config.data.settings ?? {}, profile: profile?.settings, flags: options.allowTool ?? [] },
    await readMcpConfigFile(options.mcpConfig),
  );
  // the notices were made from the same problems runMcpList reports; it wants them structured
  const problems = [
    ...parseMcpServers(config.data.settings?.mcpServers).problems,
    ...parseMcpServers(profile?.settings.mcpServers).problems,
  ];
  return runMcpList(
    { servers: settings.servers, problems, allowTools: settings.allowTools },
    { json: options.json, start: options.start },
  );
}
