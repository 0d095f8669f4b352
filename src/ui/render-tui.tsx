import { render } from 'ink';
import { App, meterCellsFor, ROWS_BELOW_METERS, type AppProps } from './app.js';
import { MeterOverlay, overlaySupported } from './meter-overlay.js';

/**
 * Mounts the App on the terminal. Where the terminal allows, the meters are drawn by a
 * MeterOverlay beside Ink rather than by Ink, so moving meters cost no Ink frames.
 */
export function renderTui(props: Omit<AppProps, 'meterMode'>, options: { maxFps: number }): { unmount: () => void } {
  const overlay = overlaySupported(process.stdout, process.env)
    ? new MeterOverlay(process.stdout, props.meters, props.theme, {
        meterCells: meterCellsFor,
        rowsBelow: ROWS_BELOW_METERS,
      })
    : undefined;
  const app = render(<App {...props} meterMode={overlay === undefined ? 'ink' : 'overlay'} />, {
    stdout: overlay?.stdout ?? process.stdout,
    exitOnCtrlC: false,
    patchConsole: true,
    maxFps: options.maxFps,
  });
  return {
    unmount: () => {
      // the last frame Ink writes on unmount still gets its meters; nothing is drawn after it
      app.unmount();
      overlay?.stop();
    },
  };
}
