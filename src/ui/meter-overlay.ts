import chalk from 'chalk';
import { meterRowParts, meterRows } from './components/level-meter.js';
import type { MeterBoard } from './state/meter-board.js';
import type { Theme } from './theme.js';

const ESC = '\u001B';
/** Ink brackets every frame it writes to a terminal in these (synchronized output, DEC mode 2026). */
export const BEGIN_SYNC = `${ESC}[?2026h`;
export const END_SYNC = `${ESC}[?2026l`;
const SAVE_CURSOR = `${ESC}7`;
const RESTORE_CURSOR = `${ESC}8`;
const ERASE_LINE = `${ESC}[2K`;

/** Where the overlay draws: the meters' width and the rows of Ink's frame below them. */
export interface OverlayLayout {
  meterCells: (columns: number) => number;
  /** Rows of the frame under the two meter rows (the status bar). */
  rowsBelow: number;
}

function paint(text: string, colour: string | undefined, dim: boolean): string {
  let styled = text;
  if (colour !== undefined)
    styled = (chalk as unknown as Record<string, (s: string) => string>)[colour]?.(styled) ?? styled;
  return dim ? chalk.dim(styled) : styled;
}

/** The two rows as terminal text, with the theme's colours. Pure. */
export function meterRowsAnsi(
  view: ReturnType<MeterBoard['getSnapshot']>,
  cells: number,
  theme: Theme,
): [string, string] {
  const draw = (row: ReturnType<typeof meterRows>[number]): string =>
    meterRowParts(row)
      .map((part) => paint(part.text, part.colour === undefined ? undefined : theme[part.colour], part.dim === true))
      .join('');
  const [mic, speaker] = meterRows(view, cells);
  return [draw(mic), draw(speaker)];
}

/**
 * The bytes that draw both rows from where Ink leaves the cursor: the start of the line under its
 * frame (`frameEndsWithNewline`), or the end of the frame's last line when the frame fills the
 * screen. The cursor is saved and restored, so Ink's own bookkeeping stays right. Pure.
 */
export function drawSequence(rows: [string, string], rowsBelow: number, frameEndsWithNewline: boolean): string {
  const up = rowsBelow + (frameEndsWithNewline ? 2 : 1);
  return `${SAVE_CURSOR}${ESC}[${up}A\r${ERASE_LINE}${rows[0]}` + `${ESC}[1B\r${ERASE_LINE}${rows[1]}${RESTORE_CURSOR}`;
}

/**
 * Draws the two meter rows straight into rows Ink leaves blank, so a level change costs one small
 * write instead of an Ink frame (a Yoga layout, the whole frame rebuilt cell by cell and
 * rewritten). Ink gets a stand-in for stdout: every frame it writes ends in END_SYNC, and the rows
 * are redrawn just before it, inside the same synchronized update, so they never flicker.
 */
export class MeterOverlay {
  readonly #out: NodeJS.WriteStream;
  readonly #board: MeterBoard;
  readonly #theme: Theme;
  readonly #layout: OverlayLayout;
  #frameEndsWithNewline = true;
  /** Ink's frame is on screen with the cursor under it (not erased and waiting for its redraw). */
  #framed = false;
  #drawn: [string, string] | undefined;
  #stopped = false;
  readonly #unsubscribe: () => void;
  /** The stream to hand to Ink: the real one, but its writes pass through the overlay. */
  readonly stdout: NodeJS.WriteStream;

  constructor(out: NodeJS.WriteStream, board: MeterBoard, theme: Theme, layout: OverlayLayout) {
    this.#out = out;
    this.#board = board;
    this.#theme = theme;
    this.#layout = layout;
    const write = this.#write;
    this.stdout = new Proxy(out, {
      get(target, prop) {
        if (prop === 'write') return write;
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    this.#unsubscribe = board.subscribe(() => this.#redraw());
  }

  /** Stops drawing (before Ink unmounts: the terminal goes back to the shell). */
  stop(): void {
    this.#stopped = true;
    this.#unsubscribe();
  }

  readonly #write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const write = this.#out.write.bind(this.#out) as (c: unknown, ...r: unknown[]) => boolean;
    if (this.#stopped || typeof chunk !== 'string') return write(chunk, ...rest);
    if (chunk === END_SYNC) {
      if (!this.#framed) return write(chunk, ...rest);
      // Ink has just rewritten its frame and blanked the meter rows: draw them inside the update
      this.#drawn = this.#rows();
      return write(this.#sequence(this.#drawn) + END_SYNC, ...rest);
    }
    if (chunk.includes('\n')) {
      // a frame (or scrollback text, always followed by the frame in the same update)
      this.#frameEndsWithNewline = chunk.endsWith('\n');
      this.#framed = true;
    } else if (chunk.includes(ERASE_LINE)) {
      // the frame was erased (on a resize Ink may redraw it a throttle interval later): the cursor
      // is at its top, and there is nowhere to draw until the frame is back
      this.#framed = false;
    }
    this.#drawn = undefined;
    return write(chunk, ...rest);
  };

  #rows(): [string, string] {
    return meterRowsAnsi(this.#board.getSnapshot(), this.#layout.meterCells(this.#out.columns || 80), this.#theme);
  }

  #sequence(rows: [string, string]): string {
    return drawSequence(rows, this.#layout.rowsBelow, this.#frameEndsWithNewline);
  }

  #redraw(): void {
    // before Ink's first frame there are no rows to draw into
    if (this.#stopped || !this.#framed) return;
    const rows = this.#rows();
    if (this.#drawn !== undefined && rows[0] === this.#drawn[0] && rows[1] === this.#drawn[1]) return;
    this.#drawn = rows;
    this.#out.write(BEGIN_SYNC + this.#sequence(rows) + END_SYNC);
  }
}

/** Whether the overlay can draw: a terminal that Ink redraws in place (not CI, not a screen reader). */
export function overlaySupported(out: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  // Ink's own tests for CI (is-in-ci) and screen-reader mode: it draws no live frames there
  const set = (key: string): boolean => key in env && env[key] !== '0' && env[key] !== 'false';
  return out.isTTY && !set('CI') && !set('CONTINUOUS_INTEGRATION') && env['INK_SCREEN_READER'] !== 'true';
}
