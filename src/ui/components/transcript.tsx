import { memo } from 'react';
import { Box, Static, Text } from 'ink';
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

/**
 * The newest entries that fit in `rows`; the oldest one shown is cut to its tail when it does not
 * fit whole. Ink measures and wraps every text node on every frame, so what is handed to it must
 * be bounded by the screen, not by how long the reply has been streaming. Pure.
 */
export function visibleTail(entries: readonly TranscriptEntry[], rows: number, width: number): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  const perRow = Math.max(10, width - 6);
  let used = 0;
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    const need = rowsFor(entry, width);
    if (used + need <= rows || out.length === 0) {
      const room = Math.max(1, rows - used) * perRow;
      out.unshift(
        entry.text.length > room ? { ...entry, text: `…${entry.text.slice(entry.text.length - room + 1)}` } : entry,
      );
      used += Math.min(need, Math.max(1, rows - used));
      if (used >= rows) break;
    } else {
      break;
    }
  }
  return out;
}

export function Entry({ entry, theme }: { entry: TranscriptEntry; theme: Theme }) {
  const { heard, unheard } = splitHeard({ ...entry, text: entry.text.trimStart() });
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

/**
 * Finished turns are printed once into the terminal's scrollback (Ink's <Static>), so a long
 * conversation costs nothing to redraw and can be scrolled back with the terminal; only the turns
 * still streaming are live, trimmed to the rows available.
 */
export const SettledTranscript = memo(function SettledTranscript(props: { entries: TranscriptEntry[]; theme: Theme }) {
  return <Static items={props.entries}>{(entry) => <Entry key={entry.id} entry={entry} theme={props.theme} />}</Static>;
});

export const LiveTranscript = memo(function LiveTranscript(props: {
  entries: readonly TranscriptEntry[];
  rows: number;
  width: number;
  theme: Theme;
  showHint: boolean;
}) {
  const shown = visibleTail(props.entries, props.rows, props.width);
  return (
    <Box flexDirection="column">
      {props.showHint ? <Text dimColor>Say something — or press t to type. ? for help.</Text> : null}
      {shown.map((entry) => (
        <Entry key={entry.id} entry={entry} theme={props.theme} />
      ))}
    </Box>
  );
});
