import { Box, useStdin, useStdout } from 'ink';
import { useEffect, useState } from 'react';
import type { Intent } from './keymap.js';
import type { ConversationState, UiAction } from './state/conversation.js';
import type { Store } from './state/store.js';
import { useConversation } from './hooks/use-conversation.js';
import { useKeyBindings } from './hooks/use-key-bindings.js';
import { Header } from './components/header.js';
import { LiveTranscript, SettledTranscript } from './components/transcript.js';
import { Meters } from './components/level-meter.js';
import type { MeterBoard } from './state/meter-board.js';
import { StatusBar } from './components/status-bar.js';
import { Help } from './components/help.js';
import { InputLine } from './components/input-line.js';
import { ToolConfirm } from './components/tool-confirm.js';
import type { Theme } from './theme.js';

export const MIN_COLUMNS = 60;
const LIVE_ROWS = 6;

export interface AppProps {
  store: Store<ConversationState, UiAction>;
  theme: Theme;
  onIntent: (intent: Intent) => void;
  onSend: (text: string) => void;
  /** The mic and speaker levels, kept outside `store` so a level tick never re-renders the rest. */
  meters: MeterBoard;
  /**
   * `ink`: the meters are part of Ink's frame. `overlay`: Ink leaves their two rows blank and a
   * MeterOverlay draws into them, so a level tick costs no Ink frame at all.
   */
  meterMode?: 'ink' | 'overlay' | undefined;
}

function sizeOf(stdout: NodeJS.WriteStream): { columns: number; rows: number } {
  return { columns: stdout.columns || 80, rows: stdout.rows || 24 };
}

/** The terminal's size, following resizes (ink 6.8 has no hook of its own for it). */
function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => sizeOf(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(sizeOf(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}

export interface Layout {
  width: number;
  meterCells: number;
  transcriptRows: number;
}

/** Rows of the frame under the meters (the status bar): the overlay draws this far above the bottom. */
export const ROWS_BELOW_METERS = 1;

/** Cells of a meter's bar for a terminal width. Pure. */
export function meterCellsFor(columns: number): number {
  // label, level, CLIP/MUTED and a short hint must fit beside the bar at 60 columns
  return Math.max(10, Math.min(40, Math.max(MIN_COLUMNS, columns) - 36));
}

/** Sizes of the screen's parts for a terminal; never narrower than MIN_COLUMNS. Pure. */
export function layoutFor(
  columns: number,
  rows: number,
  state: Pick<ConversationState, 'typing' | 'showHelp'>,
): Layout {
  const width = Math.max(MIN_COLUMNS, columns);
  const fixedRows = 6 + (state.typing ? 1 : 0);
  return {
    width,
    meterCells: meterCellsFor(columns),
    // finished turns live in the scrollback; the streaming tail gets a few rows, which bounds the
    // text Ink has to wrap on every frame
    transcriptRows: Math.max(2, Math.min(LIVE_ROWS, rows - fixedRows - (state.showHelp ? 10 : 0))),
  };
}

/** Root layout; renders state and turns keys into intents, nothing more. */
export function App({ store, theme, onIntent, onSend, meters, meterMode = 'ink' }: AppProps) {
  const state = useConversation(store);
  const { isRawModeSupported } = useStdin();
  useKeyBindings(state, { onIntent, onSend, dispatch: store.dispatch }, isRawModeSupported);
  const size = useTerminalSize();
  const { width, meterCells, transcriptRows } = layoutFor(size.columns, size.rows, state);
  // the board shows MUTED beside the mic meter; the controller's `mic` event is the truth
  useEffect(() => meters.setMuted(state.muted, Date.now()), [meters, state.muted]);
  const empty = state.settled.length === 0 && state.transcript.length === 0;
  return (
    <Box flexDirection="column" width={width}>
      <SettledTranscript entries={state.settled} theme={theme} />
      <LiveTranscript entries={state.transcript} rows={transcriptRows} width={width} theme={theme} showHint={empty} />
      <Header state={state} theme={theme} width={width} />
      {state.showHelp ? <Help /> : null}
      <ToolConfirm state={state} theme={theme} width={width} />
      {state.typing ? <InputLine draft={state.draft} /> : null}
      {meterMode === 'overlay' ? (
        <Box height={2} flexShrink={0} />
      ) : (
        <Meters board={meters} cells={meterCells} theme={theme} />
      )}
      <Box height={ROWS_BELOW_METERS} flexShrink={0} overflow="hidden">
        <StatusBar state={state} theme={theme} width={width} />
      </Box>
    </Box>
  );
}
