import type { ToolDefinition } from './session.js';

/** A function the model may call. Read-only built-ins only, for now. */
export interface Tool {
  definition: ToolDefinition;
  run(args: Record<string, unknown>, now: Date): string;
}

const currentTime: Tool = {
  definition: {
    name: 'get_current_time',
    description: "Returns the current local date and time of the user's computer, with its time zone.",
    parameters: { type: 'object', properties: {}, additionalProperties: false },
  },
  run(_args, now) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    return JSON.stringify({ iso: now.toISOString(), local: now.toString(), timeZone: zone });
  },
};

export const BUILTIN_TOOLS: readonly Tool[] = [currentTime];

export interface ToolOutcome {
  output: string;
  ok: boolean;
}

/** Runs a call; a bad name or bad JSON becomes an error output the model can read, never a throw. */
export function runToolCall(tools: readonly Tool[], name: string, argumentsJson: string, now: Date): ToolOutcome {
  const tool = tools.find((t) => t.definition.name === name);
  if (tool === undefined) return { output: JSON.stringify({ error: `unknown tool "${name}"` }), ok: false };
  let args: unknown = {};
  if (argumentsJson.trim() !== '') {
    try {
      args = JSON.parse(argumentsJson);
    } catch {
      return { output: JSON.stringify({ error: 'arguments are not valid JSON' }), ok: false };
    }
  }
  if (args === null || typeof args !== 'object' || Array.isArray(args)) {
    return { output: JSON.stringify({ error: 'arguments must be a JSON object' }), ok: false };
  }
  try {
    return { output: tool.run(args as Record<string, unknown>, now), ok: true };
  } catch (error) {
    return { output: JSON.stringify({ error: (error as Error).message }), ok: false };
  }
}
