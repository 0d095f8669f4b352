import { Box, Text } from 'ink';
import { FLOOR_DB, type MeterState } from '../state/meter-state.js';
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

export function LevelMeter(props: {
  label: string;
  meter: MeterState;
  cells: number;
  theme: Theme;
  hint?: string | undefined;
  muted?: boolean;
}) {
  const { meter, theme } = props;
  const clipping = meter.peakHoldDb >= CLIP_DB;
  return (
    <Box>
      <Text>{props.label.padEnd(4)}</Text>
      <Text
        color={props.muted === true ? undefined : clipping ? theme.error : theme.ok}
        dimColor={props.muted === true}
      >
        {meterBar(meter, props.cells)}
      </Text>
      <Text> {formatDb(meter.rmsDb)}</Text>
      {clipping ? <Text color={theme.error}> CLIP</Text> : null}
      {props.muted === true ? <Text color={theme.warn}> MUTED</Text> : null}
      {props.hint !== undefined ? <Text color={theme.warn}> {props.hint}</Text> : null}
    </Box>
  );
}
