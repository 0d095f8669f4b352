import type { AudioLevels } from '../../core/audio-engine.js';

export const FLOOR_DB = -60;
const PEAK_HOLD_MS = 1500;

export interface MeterState {
  rmsDb: number;
  peakDb: number;
  /** Highest recent peak, held for a moment so the eye can catch it. */
  peakHoldDb: number;
  peakHoldAtMs: number;
}

export const QUIET_METER: MeterState = { rmsDb: -100, peakDb: -100, peakHoldDb: -100, peakHoldAtMs: 0 };

export function nextMeter(meter: MeterState, levels: AudioLevels, atMs: number): MeterState {
  const holdExpired = atMs - meter.peakHoldAtMs > PEAK_HOLD_MS;
  const hold = levels.peakDb >= meter.peakHoldDb || holdExpired;
  return {
    rmsDb: levels.rmsDb,
    peakDb: levels.peakDb,
    peakHoldDb: hold ? levels.peakDb : meter.peakHoldDb,
    peakHoldAtMs: hold ? atMs : meter.peakHoldAtMs,
  };
}
