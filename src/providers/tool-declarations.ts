import { assertNever } from '../core/assert-never.js';
import type { ProviderId, ToolDefinition } from '../core/session.js';
import { convertToGeminiSchema } from './gemini/tool-schema.js';

export interface SkippedTool {
  name: string;
  /** For the user: why the model will not see this tool. */
  reason: string;
}

/**
 * Which tools a provider's dialect can declare. Call it before building `SessionOptions` and show
 * every skipped tool as a notice; the dialect leaves the same tools out of its setup message.
 */
export function toolsForProvider(
  provider: ProviderId,
  tools: readonly ToolDefinition[],
): { tools: ToolDefinition[]; skipped: SkippedTool[] } {
  switch (provider) {
    case 'openai':
    case 'azure-openai':
    case 'azure-voicelive':
      return { tools: [...tools], skipped: [] };
    case 'gemini':
    case 'vertex': {
      const accepted: ToolDefinition[] = [];
      const skipped: SkippedTool[] = [];
      for (const tool of tools) {
        const result = convertToGeminiSchema(tool.parameters);
        if (result.ok) accepted.push(tool);
        else
          skipped.push({
            name: tool.name,
            reason: `its argument schema at ${result.path} ${result.reason}, which Gemini cannot express`,
          });
      }
      return { tools: accepted, skipped };
    }
    default:
      return assertNever(provider, 'provider');
  }
}
