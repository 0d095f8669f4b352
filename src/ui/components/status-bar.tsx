import { Box, Text } from 'ink';
import type { ConversationState } from '../state/conversation.js';
import { formatUsageShort } from '../../core/usage-meter.js';
import { turnLabel, type Theme } from '../theme.js';

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m.toString().padStart(2, '0')}:${s.toString().padStart(2, '0')}`;
}

const ms = (v: number | undefined): string => (v === undefined ? '–' : `${Math.round(v)} ms`);

/** Turn state, last-turn latency, session tokens and cost, session time, and the mode hints. */
export function StatusBar({ state, theme, width }: { state: ConversationState; theme: Theme; width: number }) {
  const ptt = state.info.vad === 'manual' ? (state.recording ? '● REC (space sends)' : 'space: talk') : undefined;
  const usage = state.usage === undefined ? '' : ` · ${formatUsageShort(state.usage)}`;
  const latency = `latency ${ms(state.latency.lastMs)}${state.latency.p50Ms === undefined ? '' : ` · p50 ${ms(state.latency.p50Ms)}`}`;
  return (
    <Box justifyContent="space-between" width={width}>
      <Text>
        <Text color={state.turn === 'interrupted' ? theme.warn : theme.accent}>{turnLabel(state.turn)}</Text>
        {ptt !== undefined ? <Text color={state.recording ? theme.error : undefined}> · {ptt}</Text> : null}
      </Text>
      <Text dimColor wrap="truncate-start">
        {latency}
        {usage} · {formatClock(state.nowMs - state.startedAtMs)} · ? help
      </Text>
    </Box>
  );
}
