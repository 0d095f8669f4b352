import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { BEGIN_SYNC, drawSequence, END_SYNC, MeterOverlay, overlaySupported } from '../../../src/ui/meter-overlay.js';
import { MeterBoard } from '../../../src/ui/state/meter-board.js';
import { createTheme } from '../../../src/ui/theme.js';

const ESC = '\u001B';
/** ESC shown as ^, to match escape sequences with readable patterns. */
const visible = (write: string | undefined): string => (write ?? '').replaceAll(ESC, '^');

/** A terminal stream that keeps what is written to it. */
class RecordingTty extends EventEmitter {
  isTTY = true;
  columns = 100;
  rows = 30;
  writes: string[] = [];
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return true;
  }
}

function setup() {
  const tty = new RecordingTty();
  const board = new MeterBoard();
  const overlay = new MeterOverlay(tty as unknown as NodeJS.WriteStream, board, createTheme(true), {
    meterCells: () => 10,
    rowsBelow: 1,
  });
  return { tty, board, overlay };
}
const frame = (overlay: MeterOverlay, body: string): void => {
  overlay.stdout.write(BEGIN_SYNC);
  overlay.stdout.write(body);
  overlay.stdout.write(END_SYNC);
};

describe('MeterOverlay', () => {
  it('moves up to the meter rows, draws both and puts the cursor back', () => {
    expect(drawSequence(['M', 'S'], 1, true)).toBe(`${ESC}7${ESC}[3A\r${ESC}[2KM${ESC}[1B\r${ESC}[2KS${ESC}8`);
    // a frame that fills the screen ends on its last row, not under it
    expect(drawSequence(['M', 'S'], 1, false)).toContain(`${ESC}7${ESC}[2A`);
  });

  it('draws nothing before Ink has drawn a frame', () => {
    const { tty, board } = setup();
    board.levels({ input: { rmsDb: -20, peakDb: -10 }, output: { rmsDb: -100, peakDb: -100 } }, 0);
    expect(tty.writes).toEqual([]);
  });

  it("redraws the rows inside each of Ink's frames, and on a level change only what changed", () => {
    const { tty, board, overlay } = setup();
    frame(overlay, 'header\n\n\nstatus\n');
    expect(tty.writes).toHaveLength(3);
    expect(visible(tty.writes[2])).toMatch(/^\^7\^\[3A.*mic ·········· {2}-∞ dB.*spk .*\^8\^\[\?2026l$/s);

    board.levels({ input: { rmsDb: -30, peakDb: -20 }, output: { rmsDb: -100, peakDb: -100 } }, 0);
    expect(tty.writes).toHaveLength(4);
    expect(visible(tty.writes[3])).toMatch(/^\^\[\?2026h\^7\^\[3A\r\^\[2Kmic █████··│·· -30 dB/);
    expect(tty.writes[3]!.endsWith(END_SYNC)).toBe(true);

    // the same drawn rows: no write
    board.levels({ input: { rmsDb: -30.2, peakDb: -20 }, output: { rmsDb: -100, peakDb: -100 } }, 50);
    expect(tty.writes).toHaveLength(4);
  });

  it('follows where the last frame left the cursor, and stops for good', () => {
    const { tty, board, overlay } = setup();
    frame(overlay, 'a\nb\nc\nd'); // a full-screen frame has no trailing newline
    expect(tty.writes[2]).toContain(`${ESC}[2A`);
    overlay.stdout.write(`${ESC}[?25h`); // an escape alone does not move the cursor
    board.levels({ input: { rmsDb: -30, peakDb: -20 }, output: { rmsDb: -100, peakDb: -100 } }, 0);
    expect(tty.writes.at(-1)).toContain(`${ESC}[2A`);
    overlay.stop();
    const count = tty.writes.length;
    board.levels({ input: { rmsDb: -10, peakDb: -5 }, output: { rmsDb: -100, peakDb: -100 } }, 100);
    frame(overlay, 'a\nb\n');
    expect(tty.writes.slice(count)).toEqual([BEGIN_SYNC, 'a\nb\n', END_SYNC]);
  });

  it('draws nowhere while the frame is erased and not yet redrawn (a resize)', () => {
    const { tty, board, overlay } = setup();
    frame(overlay, 'header\n\n\nstatus\n');
    overlay.stdout.write(`${ESC}[2K${ESC}[1A${ESC}[2K${ESC}[G`); // Ink's log.clear()
    const count = tty.writes.length;
    board.levels({ input: { rmsDb: -30, peakDb: -20 }, output: { rmsDb: -100, peakDb: -100 } }, 0);
    expect(tty.writes).toHaveLength(count);
    frame(overlay, 'header\n\n\nstatus\n');
    expect(tty.writes.at(-1)).toMatch(/mic █████··│·· -30 dB/);
  });

  it('hands Ink the real stream for everything but write', () => {
    const { tty, overlay } = setup();
    expect(overlay.stdout.columns).toBe(100);
    expect(overlay.stdout.isTTY).toBe(true);
    let resized = 0;
    const onResize = (): void => {
      resized++;
    };
    overlay.stdout.on('resize', onResize);
    tty.emit('resize');
    overlay.stdout.off('resize', onResize);
    tty.emit('resize');
    expect(resized).toBe(1);
  });

  it('is used only where Ink redraws in place', () => {
    const tty = new RecordingTty() as unknown as NodeJS.WriteStream;
    expect(overlaySupported(tty, {})).toBe(true);
    expect(overlaySupported(tty, { CI: 'true' })).toBe(false);
    expect(overlaySupported(tty, { CI: '0' })).toBe(true);
    expect(overlaySupported(tty, { INK_SCREEN_READER: 'true' })).toBe(false);
    expect(overlaySupported({ ...tty, isTTY: false } as NodeJS.WriteStream, {})).toBe(false);
  });
});
