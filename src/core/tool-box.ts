import type { ToolDefinition } from './session.js';
import { qualifyToolNames } from './tool-names.js';
import { toolOutputs } from './tool-outputs.js';

/** A tool as its provider knows it, before names are made unique across providers. */
export interface ProvidedTool {
  /** The tool's own name at its source (an MCP tool name, or a built-in's name). */
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object schema). */
  parameters: Record<string, unknown>;
  /** The source says calling it changes nothing (MCP `annotations.readOnlyHint`, every built-in). */
  readOnly: boolean;
}

/** A tool as the model sees it: a unique name, plus where it really lives. */
export interface ToolDescriptor extends ProvidedTool {
  /** Unique across the box; equals `name` unless two sources clash. */
  modelName: string;
  /** The provider's id: `builtin`, or an MCP server's name. */
  source: string;
}

/** What a call gives back. `output` is what the model reads, already formatted and truncated. */
export type ToolCallOutcome =
  { kind: 'ok'; output: string } | { kind: 'error'; output: string } | { kind: 'cancelled'; output: string };

/** One source of tools: the built-ins, or one MCP server. */
export interface ToolProvider {
  readonly id: string;
  tools(): readonly ProvidedTool[];
  /** Never throws; an abort ends the call with a `cancelled` outcome. */
  call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolCallOutcome>;
  /** Called when the provider's list changed (MCP `notifications/tools/list_changed`). */
  onToolsChanged?(listener: () => void): () => void;
}

/**
 * Every tool the model may call, from every provider, under unique names. The controller asks it
 * for declarations and calls by the model's name; it knows nothing of MCP.
 */
export class ToolBox {
  readonly #providers: readonly ToolProvider[];
  readonly #listeners = new Set<() => void>();
  readonly #unsubscribe: (() => void)[] = [];
  #descriptors: ToolDescriptor[] = [];

  constructor(providers: readonly ToolProvider[]) {
    this.#providers = providers;
    this.#rebuild();
    for (const provider of providers) {
      const off = provider.onToolsChanged?.(() => {
        this.#rebuild();
        for (const listener of this.#listeners) listener();
      });
      if (off !== undefined) this.#unsubscribe.push(off);
    }
  }

  descriptors(): readonly ToolDescriptor[] {
    return this.#descriptors;
  }

  /** What a session declares to the model (`SessionOptions.tools`). */
  definitions(): ToolDefinition[] {
    return this.#descriptors.map((tool) => ({
      name: tool.modelName,
      description: tool.description,
      parameters: tool.parameters,
    }));
  }

  find(modelName: string): ToolDescriptor | undefined {
    return this.#descriptors.find((tool) => tool.modelName === modelName);
  }

  /** A bad name or bad JSON becomes an error outcome the model can read, never a throw. */
  async call(modelName: string, argumentsJson: string, signal: AbortSignal): Promise<ToolCallOutcome> {
    const tool = this.find(modelName);
    if (tool === undefined) return { kind: 'error', output: toolOutputs.error(`unknown tool "${modelName}"`) };
    const args = parseArguments(argumentsJson);
    if (typeof args === 'string') return { kind: 'error', output: toolOutputs.error(args) };
    if (signal.aborted) return { kind: 'cancelled', output: toolOutputs.cancelled() };
    const provider = this.#providers.find((p) => p.id === tool.source);
    if (provider === undefined) return { kind: 'error', output: toolOutputs.error(`tool "${modelName}" is gone`) };
    return provider.call(tool.name, args, signal);
  }

  /** Tools were added or removed: a session should re-declare `definitions()`. */
  onChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  dispose(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#listeners.clear();
  }

  #rebuild(): void {
    const entries = this.#providers.flatMap((provider) =>
      provider.tools().map((tool) => ({ source: provider.id, tool })),
    );
    const names = qualifyToolNames(entries.map((e) => ({ source: e.source, name: e.tool.name })));
    this.#descriptors = entries.map((e, i) => ({ ...e.tool, source: e.source, modelName: names[i] ?? e.tool.name }));
  }
}

/** The arguments object, or a message for the model saying what is wrong with it. */
export function parseArguments(argumentsJson: string): Record<string, unknown> | string {
  if (argumentsJson.trim() === '') return {};
  let args: unknown;
  try {
    args = JSON.parse(argumentsJson);
  } catch {
    return 'arguments are not valid JSON';
  }
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return 'arguments must be a JSON object';
  return args as Record<string, unknown>;
}
