import { ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import type { McpServersStore } from './mcp-store.js';
import { printText } from './output.js';

/** `voicechat mcp remove NAME`. */
export async function runMcpRemove(store: McpServersStore, name: string): Promise<ExitCodeValue> {
  const existing = await store.read();
  if (!Object.hasOwn(existing, name)) {
    const known = Object.keys(existing);
    throw new UsageError(`No MCP server named "${name}" in ${store.label}.`, {
      hint: known.length === 0 ? 'There are none; see "voicechat mcp list".' : `Known: ${known.join(', ')}.`,
    });
  }
  await store.write((servers) => Object.fromEntries(Object.entries(servers).filter(([key]) => key !== name)));
  printText(`Removed MCP server "${name}" from ${store.label}.`);
  return ExitCode.ok;
}
