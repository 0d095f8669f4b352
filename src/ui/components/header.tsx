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

/** Columns kept for "voicechat" and the start of the provider name. */
const MIN_LEFT = 26;

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
  const light = `● ${statusText(state.connection)}`;
  // the audio part shortens (backend first) before it squeezes the provider out
  const audio = [audioLabel(state.audio, true), audioLabel(state.audio, false)].find(
    (text) => text !== undefined && width - text.length - 2 - light.length >= MIN_LEFT,
  );
  const right = `${audio === undefined ? '' : `${audio}  `}${light}`;
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
