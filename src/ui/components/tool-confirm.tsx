import { Box, Text } from 'ink';
import { KEYMAP } from '../keymap.js';
import type { ConversationState } from '../state/conversation.js';
import { clip } from '../tool-lines.js';
import type { Theme } from '../theme.js';
import { SLOW_CALL_MS } from '../../core/tool-calls.js';

const CONFIRM_KEYS = KEYMAP.filter((b) => b.whileConfirming === true);

/** The oldest call waiting for y/a/n (tool, server, arguments), and a line per slow call. */
export function ToolConfirm({ state, theme, width }: { state: ConversationState; theme: Theme; width: number }) {
  const first = state.tools.confirmations[0];
  const more = state.tools.confirmations.length - 1;
  return (
    <Box flexDirection="column">
      {state.tools.slow.map((call) => (
        <Text key={call.callId} color={theme.tool}>
          ⠿ running {call.label} … {Math.round((state.nowMs - call.sinceMs + SLOW_CALL_MS) / 1000)} s
        </Text>
      ))}
      {first === undefined ? null : (
        <Text color={theme.warn} wrap="truncate-end">
          <Text bold>run {first.tool}</Text>
          {` (${first.server}) ${clip(first.arguments, Math.max(20, width - 60))}  `}
          {CONFIRM_KEYS.map((b) => (
            <Text key={b.intent}>
              <Text bold>{b.label}</Text> {b.hint}{' '}
            </Text>
          ))}
          {`${Math.max(0, Math.round((first.deadlineMs - state.nowMs) / 1000))} s`}
          {more > 0 ? ` (+${more} waiting)` : ''}
        </Text>
      )}
    </Box>
  );
}
