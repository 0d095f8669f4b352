import { assertNever } from './assert-never.js';
import type { RefuseReason, RunReason } from './tool-approval.js';
import type { ToolCallInfo } from './tool-calls.js';

/** How tool calls and decisions are named to people: the TUI, plain lines, recordings. */

/** `server/tool` as the allow list spells it; built-ins by their own name. */
export function toolLabel(call: ToolCallInfo): string {
  return call.source === 'builtin' || call.source === 'unknown' ? call.toolName : `${call.source}/${call.toolName}`;
}

export function refusalText(reason: RefuseReason, label: string): string {
  switch (reason) {
    case 'headless':
      return `not allowed (use --allow-tool ${label})`;
    case 'timeout':
      return 'nobody confirmed it within 60 s';
    case 'user':
      return 'you said no';
    default:
      return assertNever(reason, 'refuse reason');
  }
}

export function runReasonText(reason: RunReason): string {
  switch (reason) {
    case 'read-only':
      return 'read-only';
    case 'allow-list':
      return 'on the allow list';
    case 'always':
      return 'always allowed this session';
    case 'user':
      return 'you said yes';
    default:
      return assertNever(reason, 'run reason');
  }
}
