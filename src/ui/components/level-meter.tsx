import { Box, Text } from 'ink';
import { useSyncExternalStore } from 'react';
import { FLOOR_DB, type MeterState } from '../state/meter-state.js';
import type { MeterBoard } from '../state/meter-board.js';
import type { Theme } from '../theme.js';

const CLIP_DB = -1;

/** Bar of `cells` cells for a level between FLOOR_DB and 0 dBFS, with a peak-hold tick. Pure. */
export function meterBar(meter: MeterState, cells: number): string {
  const fill = (db: number): number =>
    Math.round(((Math.max(FLOOR_DB, Math.min(0, db)) - FLOOR_DB) / -FLOOR_DB) * cells);
  const level = fill(meter.rmsDb);
  const peak = Math.min(cells - 1, fill(meter.peakHoldDb));
  let bar = '';
  for (let i = 0; i < cells; i++) bar += i < level ? '█' : i === peak && meter.peakHoldDb > FLOOR_DB ? '│' : '·';
  return bar;
}

export function formatDb(db: number): string {
  return db <= FLOOR_DB ? ' -∞ dB' : `${Math.round(db).toString().padStart(3)} dB`;
}

export interface MeterRowProps {
  label: string;
  meter: MeterState;
  cells: number;
  hint?: string | undefined;
  muted?: boolean | undefined;
}

/** A colour of the theme, or none. */
type Colour = keyof Theme | undefined;

/** A meter row as styled pieces, drawn by Ink (LevelMeter) or written straight to the terminal (the overlay). Pure. */
export function meterRowParts(props: MeterRowProps): { text: string; colour: Colour; dim?: boolean }[] {
  const muted = props.muted === true;
  const clipping = props.meter.peakHoldDb >= CLIP_DB;
  return [
    { text: props.label.padEnd(4), colour: undefined },
    { text: meterBar(props.meter, props.cells), colour: muted ? undefined : clipping ? 'error' : 'ok', dim: muted },
    { text: ` ${formatDb(props.meter.rmsDb)}`, colour: undefined },
    ...(clipping ? [{ text: ' CLIP', colour: 'error' as const }] : []),
    ...(muted ? [{ text: ' MUTED', colour: 'warn' as const }] : []),
    ...(props.hint !== undefined ? [{ text: ` ${props.hint}`, colour: 'warn' as const }] : []),
  ];
}

export function LevelMeter(props: MeterRowProps & { theme: Theme }) {
  return (
    <Box>
      {meterRowParts(props).map((part, i) => (
        <Text key={i} color={part.colour === undefined ? undefined : props.theme[part.colour]} dimColor={part.dim}>
          {part.text}
        </Text>
      ))}
    </Box>
  );
}

export const QUIET_HINT = 'mic too quiet?';

/** The two meter rows of a board's view. Pure. */
export function meterRows(view: ReturnType<MeterBoard['getSnapshot']>, cells: number): [MeterRowProps, MeterRowProps] {
  return [
    { label: 'mic', meter: view.mic, cells, muted: view.muted, hint: view.quiet ? QUIET_HINT : undefined },
    { label: 'spk', meter: view.speaker, cells },
  ];
}

/**
 * Both meters drawn by Ink, subscribed to the board on their own: a level tick re-renders this
 * leaf only. Used where the overlay cannot draw (not a terminal, CI, screen readers, tests).
 */
export function Meters({ board, cells, theme }: { board: MeterBoard; cells: number; theme: Theme }) {
  const view = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const [mic, speaker] = meterRows(view, cells);
  return (
    <Box flexDirection="column">
      <LevelMeter {...mic} theme={theme} />
      <LevelMeter {...speaker} theme={theme} />
    </Box>
  );
}
