import type { ToolProvider } from './tool-box.js';
import { toolOutputs } from './tool-outputs.js';
import { BUILTIN_TOOLS, type Tool } from './tools.js';

/** The built-in tools (the clock) as one provider of the box. */
export function builtinToolProvider(
  tools: readonly Tool[] = BUILTIN_TOOLS,
  now = (): Date => new Date(),
): ToolProvider {
  return {
    id: 'builtin',
    tools: () =>
      tools.map((tool) => ({
        name: tool.definition.name,
        description: tool.definition.description,
        parameters: tool.definition.parameters,
        readOnly: true,
      })),
    call: (name, args, signal) => {
      if (signal.aborted) return Promise.resolve({ kind: 'cancelled', output: toolOutputs.cancelled() });
      const tool = tools.find((t) => t.definition.name === name);
      if (tool === undefined)
        return Promise.resolve({ kind: 'error', output: toolOutputs.error(`unknown tool "${name}"`) });
      try {
        return Promise.resolve({ kind: 'ok', output: tool.run(args, now()) });
      } catch (error) {
        return Promise.resolve({ kind: 'error', output: toolOutputs.error((error as Error).message) });
      }
    },
  };
}
