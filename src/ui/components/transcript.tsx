import { memo } from 'react';
import { Box, Text } from 'ink';
import { splitHeard, type TranscriptEntry } from '../state/transcript.js';
import type { Theme } from '../theme.js';

const LABELS: Record<TranscriptEntry['role'], string> = {
  user: 'you',
  assistant: 'ai',
  tool: 'tool',
  error: '!',
  notice: '·',
};

function colourOf(theme: Theme, role: TranscriptEntry['role']): string | undefined {
  switch (role) {
    case 'user':
      return theme.user;
    case 'assistant':
      return theme.assistant;
    case 'tool':
      return theme.tool;
    case 'error':
      return theme.error;
    case 'notice':
      return theme.warn;
  }
}

/** Rough count of terminal rows an entry takes, to keep the newest entries on screen. Pure. */
export function rowsFor(entry: TranscriptEntry, width: number): number {
  const text = `${LABELS[entry.role]}   ${entry.text}`;
  return Math.max(1, Math.ceil(text.length / Math.max(10, width - 6)));
}

export function visibleTail(entries: readonly TranscriptEntry[], rows: number, width: number): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  let used = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    used += rowsFor(entry, width);
    if (used > rows && out.length > 0) break;
    out.unshift(entry);
  }
  return out;
}

function Entry({ entry, theme }: { entry: TranscriptEntry; theme: Theme }) {
  const { heard, unheard } = splitHeard(entry);
  const interrupted = entry.heardFraction !== undefined;
  return (
    <Box>
      <Box width={5} flexShrink={0}>
        <Text color={colourOf(theme, entry.role)} bold>
          {LABELS[entry.role]}
        </Text>
      </Box>
      <Text wrap="wrap">
        <Text color={entry.role === 'error' ? theme.error : undefined}>{heard}</Text>
        {unheard !== '' ? (
          <Text dimColor strikethrough>
            {unheard}
          </Text>
        ) : null}
        {entry.partial && !interrupted ? <Text dimColor>▍</Text> : null}
        {interrupted ? <Text color={theme.warn}> ⏹ interrupted</Text> : null}
      </Text>
    </Box>
  );
}

/** The newest turns that fit; partial text streams in place. */
export const Transcript = memo(function Transcript(props: { entries: readonly TranscriptEntry[]; rows: number; width: number; theme: Theme }) {
  const shown = visibleTail(props.entries, props.rows, props.width);
  return (
    <Box flexDirection="column" height={props.rows} justifyContent="flex-end">
      {shown.length === 0 ? <Text dimColor>Say something — or press t to type. ? for help.</Text> : null}
      {shown.map((entry) => (
        <Entry key={entry.id} entry={entry} theme={props.theme} />
      ))}
    </Box>
  );
});
