import { builtinToolProvider } from '../../src/core/builtin-tool-provider.js';
import type { ControllerTools } from '../../src/core/controller.js';
import { APPROVAL_TIMEOUT_MS, type ApprovalMode } from '../../src/core/tool-approval.js';
import { ToolBox, type ToolProvider } from '../../src/core/tool-box.js';

/** The controller's tools as a run sets them up: the built-ins, plus any providers a test adds. */
export function controllerTools(
  options: { mode?: ApprovalMode; allowTools?: string[]; timeoutMs?: number; extra?: ToolProvider[] } = {},
): ControllerTools {
  return {
    box: new ToolBox([builtinToolProvider(), ...(options.extra ?? [])]),
    approval: {
      mode: options.mode ?? 'headless',
      allowTools: options.allowTools ?? [],
      timeoutMs: options.timeoutMs ?? APPROVAL_TIMEOUT_MS,
    },
  };
}
