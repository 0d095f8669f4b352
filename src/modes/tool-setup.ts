import { builtinToolProvider } from '../core/builtin-tool-provider.js';
import type { ControllerTools } from '../core/controller.js';
import type { Logger } from '../core/log.js';
import type { ProviderId, ToolDefinition } from '../core/session.js';
import { APPROVAL_TIMEOUT_MS, type ApprovalMode } from '../core/tool-approval.js';
import { ToolBox, type ToolProvider } from '../core/tool-box.js';
import { toolsForProvider } from '../providers/tool-declarations.js';
import type { McpSettings } from './mcp-settings.js';

/** The tools of one conversation: what the controller runs, what the session declares, what to tell the user. */
export interface ToolSetup {
  tools: ControllerTools | undefined;
  /** `SessionOptions.tools`: only what the provider's dialect can declare. */
  definitions: ToolDefinition[];
  /** Skipped config entries, servers that did not start, tools the provider cannot take. */
  notices: string[];
  /** Stops the MCP servers; idempotent, never throws. */
  close: () => Promise<void>;
}

export interface ToolSetupInput {
  enabled: boolean;
  mcp: McpSettings;
  provider: ProviderId;
  /** `interactive` in the TUI; headless and one-shot runs cannot ask. */
  approval: ApprovalMode;
  log: Logger;
}

const NO_TOOLS: ToolSetup = { tools: undefined, definitions: [], notices: [], close: () => Promise.resolve() };

/**
 * Starts the configured MCP servers (the SDK is loaded only when there are some), puts their tools
 * next to the built-ins, and keeps what the provider can declare. Call before connecting; `close`
 * belongs in every exit path.
 */
export async function setUpTools(input: ToolSetupInput): Promise<ToolSetup> {
  if (!input.enabled) return NO_TOOLS;
  const notices = [...input.mcp.notices];
  const providers: ToolProvider[] = [builtinToolProvider()];
  let closeServers = (): Promise<void> => Promise.resolve();
  const enabled = input.mcp.servers.filter((s) => !s.disabled);
  if (enabled.length > 0) {
    const { McpManager } = await import('../tools/mcp/manager.js');
    const manager = await McpManager.start(enabled);
    closeServers = () => manager.close().catch((error: unknown) => input.log.warn(`MCP: ${(error as Error).message}`));
    for (const status of manager.statuses()) {
      if (status.state.kind === 'failed' || status.state.kind === 'exited')
        notices.push(`MCP server "${status.name}" is not available: ${status.state.error}`);
      else input.log.debug(`MCP server "${status.name}": ${status.tools.length} tools`);
    }
    providers.push(...manager.providers());
  }
  const box = new ToolBox(providers);
  const { tools: definitions, skipped } = toolsForProvider(input.provider, box.definitions());
  for (const tool of skipped) notices.push(`The tool "${tool.name}" is not offered to the model: ${tool.reason}.`);
  // a server that changes its list mid-session keeps the tools declared at the start (sessions declare once)
  box.onChanged(() => input.log.debug('MCP tool list changed; the session keeps the tools it declared'));
  let closed: Promise<void> | undefined;
  return {
    tools: {
      box,
      approval: { mode: input.approval, allowTools: input.mcp.allowTools, timeoutMs: APPROVAL_TIMEOUT_MS },
    },
    definitions,
    notices,
    close: () => {
      closed ??= (async () => {
        box.dispose();
        await closeServers();
      })();
      return closed;
    },
  };
}
