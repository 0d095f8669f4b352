import { describe, expect, it } from 'vitest';
import { MeterBoard } from '../../../src/ui/state/meter-board.js';
import { meterRowsAnsi } from '../../../src/ui/meter-overlay.js';
import { createTheme } from '../../../src/ui/theme.js';

const levels = (micDb: number, spkDb = -100) => ({
  input: { rmsDb: micDb, peakDb: micDb + 6 },
  output: { rmsDb: spkDb, peakDb: spkDb },
});

function counting(board: MeterBoard): { count: () => number } {
  let n = 0;
  board.subscribe(() => n++);
  return { count: () => n };
}

describe('MeterBoard', () => {
  it('tells its listeners only when a drawn row changes (whole dB)', () => {
    const board = new MeterBoard();
    const heard = counting(board);
    board.levels(levels(-20.2), 0);
    expect(heard.count()).toBe(1);
    const first = board.getSnapshot();
    board.levels(levels(-20.4), 100); // still -20 dB, peak still -14
    expect(heard.count()).toBe(1);
    expect(board.getSnapshot()).toBe(first);
    board.levels(levels(-21.6), 200); // -22 dB: the text and the bar change
    expect(heard.count()).toBe(2);
    expect(board.getSnapshot().mic.rmsDb).toBe(-22);
  });

  it('keeps the peak for a moment, then lets a stale one fall back on the tick', () => {
    const board = new MeterBoard();
    board.levels(levels(-10), 0); // peak -4
    board.levels(levels(-40), 500);
    expect(board.getSnapshot().mic.peakHoldDb).toBe(-4);
    board.levels(levels(-40), 1600); // the hold (1.5 s) has expired
    expect(board.getSnapshot().mic.peakHoldDb).toBe(-34);
    board.tick(4000); // no levels for 2.4 s: silence
    expect(board.getSnapshot().mic.peakHoldDb).toBe(-100);
  });

  it('says the mic is too quiet after 5 s of near silence, never while muted', () => {
    const board = new MeterBoard();
    board.levels(levels(-80), 0);
    board.tick(4000);
    expect(board.getSnapshot().quiet).toBe(false);
    board.tick(6000);
    expect(board.getSnapshot().quiet).toBe(true);
    board.setMuted(true, 6100);
    expect(board.getSnapshot()).toMatchObject({ quiet: false, muted: true });
    board.levels(levels(-80), 12_000);
    expect(board.getSnapshot().quiet).toBe(false);
    board.setMuted(false, 12_100);
    board.levels(levels(-20), 12_200);
    expect(board.getSnapshot().quiet).toBe(false);
  });

  it('does not call the mic too quiet while the assistant is heard (echo cancellation silences it then)', () => {
    const board = new MeterBoard();
    for (let atMs = 0; atMs <= 8000; atMs += 100) board.levels(levels(-100, -24), atMs);
    board.tick(8000);
    expect(board.getSnapshot().quiet).toBe(false);
    // the reply ended: 5 s of a silent mic with a silent speaker is worth the hint again
    for (let atMs = 8100; atMs <= 13_500; atMs += 100) board.levels(levels(-100), atMs);
    expect(board.getSnapshot().quiet).toBe(true);
  });

  it('draws the rows Ink used to draw: label, bar, dB, CLIP, MUTED and the hint', () => {
    const board = new MeterBoard();
    board.levels({ input: { rmsDb: -3, peakDb: 0 }, output: { rmsDb: -30, peakDb: -24 } }, 0);
    const [mic, spk] = meterRowsAnsi(board.getSnapshot(), 24, createTheme(true));
    expect(mic).toBe(`mic ${'█'.repeat(23)}│  -3 dB CLIP`);
    expect(spk).toBe(`spk ${'█'.repeat(12)}··│${'·'.repeat(9)} -30 dB`);
    board.setMuted(true, 10);
    expect(meterRowsAnsi(board.getSnapshot(), 24, createTheme(true))[0]).toMatch(/ -3 dB CLIP MUTED$/);
  });
});
