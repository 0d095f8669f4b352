import { Box, Text } from 'ink';
import { audioLabel, type ConversationState } from '../state/conversation.js';
import { statusColour, type Theme } from '../theme.js';

function statusText(connection: ConversationState['connection']): string {
  switch (connection.status) {
    case 'reconnecting':
      return `reconnecting (${connection.attempt ?? 1})`;
    case 'connecting':
    case 'connected':
    case 'closed':
    case 'error':
      return connection.status;
  }
}

/** provider · model · voice · profile, and the connection light. */
export function Header({ state, theme, width }: { state: ConversationState; theme: Theme; width: number }) {
  const { info } = state;
  const parts = [
    info.provider,
    info.model,
    info.voice === undefined ? undefined : `voice ${info.voice}`,
    info.profile === undefined ? undefined : `profile ${info.profile}`,
  ];
  const left = parts.filter((p): p is string => p !== undefined && p !== '').join(' · ');
  const audio = audioLabel(state.audio);
  const right = `${audio === undefined ? '' : `${audio}  `}● ${statusText(state.connection)}`;
  const room = Math.max(10, width - right.length - 12);
  return (
    <Box justifyContent="space-between" width={width}>
      <Text wrap="truncate-end">
        <Text bold color={theme.accent}>
          voicechat
        </Text>
        <Text> {left.length > room ? `${left.slice(0, room - 1)}…` : left}</Text>
      </Text>
      <Text color={statusColour(theme, state.connection.status)}>{right}</Text>
    </Box>
  );
}
