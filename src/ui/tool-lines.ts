import { assertNever } from '../core/assert-never.js';
import type { ToolCallEvent } from '../core/tool-calls.js';
import { refusalText, toolLabel } from '../core/tool-words.js';

export { toolLabel } from '../core/tool-words.js';

/** Long outputs and arguments are shortened on screen; the model and the recording get them whole. */
export function clip(text: string, maxChars: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= maxChars ? flat : `${flat.slice(0, maxChars - 1)}…`;
}

const OUTPUT_CHARS = 200;

/**
 * A tool event as a plain line (pipes, headless, one-shot): refusals and failures for stderr,
 * finished calls for stdout; the rest is for the TUI only. Pure.
 */
export function toolEventLine(event: ToolCallEvent): { stream: 'out' | 'err'; text: string } | undefined {
  const label = toolLabel(event.call);
  switch (event.type) {
    case 'tool.confirm':
    case 'tool.slow':
      return undefined;
    case 'tool.decided':
      if (event.decision === 'run') return undefined;
      return { stream: 'err', text: `refused ${label}: ${refusalText(event.reason, label)}` };
    case 'tool.finished': {
      const call = `${label}(${clip(event.call.arguments, 80)})`;
      switch (event.outcome) {
        case 'refused':
          return undefined;
        case 'ok':
          return { stream: 'out', text: `tool: ${call} -> ${clip(event.output, OUTPUT_CHARS)}` };
        case 'error':
          return { stream: 'err', text: `tool failed: ${call} -> ${clip(event.output, OUTPUT_CHARS)}` };
        case 'cancelled':
          return { stream: 'err', text: `tool cancelled: ${call}` };
        default:
          return assertNever(event.outcome, 'tool outcome');
      }
    }
    default:
      return assertNever(event, 'tool event');
  }
}
