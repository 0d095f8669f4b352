import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../core/errors.js';
import { createLogger, silentLogger, type Logger } from '../core/log.js';
import { PROVIDER_CATALOGUE } from '../providers/registry.js';
import type { Intent } from '../ui/keymap.js';
import { initialState, reduce } from '../ui/state/conversation.js';
import { MeterBoard } from '../ui/state/meter-board.js';
import { createStore } from '../ui/state/store.js';
import { createTheme } from '../ui/theme.js';
import { createDuplex } from './duplex-setup.js';
import { RunLifecycle } from './run-lifecycle.js';
import type { RunPlan } from './run-plan.js';

const STOP_TIMEOUT_MS = 800;
const LEVELS_INTERVAL_MS = 100;
/** The screen changes with speech and meters; 15 frames a second reads as smooth and costs little. */
const MAX_FPS = 15;

/** The TUI owns the terminal: diagnostics go to a file, never to the screen. */
function tuiLogger(plan: RunPlan): { log: Logger; file: string | undefined } {
  const file = plan.files.logFile ?? (plan.debug ? join(tmpdir(), 'voicechat-debug.log') : undefined);
  return {
    // without a file there is nowhere to write: the terminal belongs to Ink
    log: file === undefined ? silentLogger : createLogger({ level: plan.debug ? 'debug' : 'warn', file }),
    file,
  };
}

/** Interactive voice chat: the Ink TUI over the duplex controller. */
export async function runChat(plan: RunPlan): Promise<ExitCodeValue> {
  const loaded = plan.settings;
  const { log, file } = tuiLogger(plan);
  const { controller, recorder, tools } = await createDuplex(plan, log, 'interactive');
  const settings = loaded.values;
  const store = createStore(
    reduce,
    initialState(
      {
        provider: PROVIDER_CATALOGUE.get(settings.provider).label,
        model: settings.model,
        voice: settings.voice,
        profile: loaded.profileName,
        vad: settings.vad,
      },
      Date.now(),
    ),
  );
  // levels go to the meters' own board, not the App's state; ~10 updates a second look alive
  const meters = new MeterBoard();
  let lastLevelsAtMs = 0;
  controller.subscribe((event) => {
    const atMs = Date.now();
    if (event.type === 'levels') {
      if (atMs - lastLevelsAtMs < LEVELS_INTERVAL_MS) return;
      lastLevelsAtMs = atMs;
      meters.levels(event, atMs);
      return;
    }
    store.dispatch({ type: 'event', event, atMs });
  });
  for (const message of tools.notices)
    store.dispatch({ type: 'event', event: { type: 'notice', message }, atMs: Date.now() });
  const tick = setInterval(() => {
    store.dispatch({ type: 'tick', atMs: Date.now() });
    meters.tick(Date.now());
  }, 1000);

  // the terminal goes back first; closing the socket and audio can finish behind it
  let unmount = (): void => undefined;
  const lifecycle = new RunLifecycle({
    controller,
    recorder,
    release: tools.close,
    stopTimeoutMs: STOP_TIMEOUT_MS,
    usageModel: plan.settings.values.model,
    beforeStop: () => {
      clearInterval(tick);
      unmount();
    },
    epilogue: () => (file === undefined ? undefined : `diagnostics: ${file}`),
  });
  const onIntent = (intent: Intent): void => {
    switch (intent) {
      case 'quit':
        lifecycle.finish(ExitCode.ok);
        return;
      case 'toggle-mute':
        controller.toggleMute();
        return;
      case 'push-to-talk':
        controller.togglePushToTalk();
        return;
      case 'interrupt':
        controller.interrupt('user-key');
        return;
      case 'tool-yes':
        controller.answerTool('y');
        return;
      case 'tool-always':
        controller.answerTool('a');
        return;
      case 'tool-no':
        controller.answerTool('n');
        return;
      case 'start-typing':
      case 'toggle-help':
        return;
    }
  };
  const { renderTui } = await import('../ui/render-tui.js');
  const theme = createTheme(process.env['NO_COLOR'] !== undefined);
  const app = renderTui(
    { store, meters, theme, onIntent, onSend: (text) => controller.sendText(text) },
    { maxFps: MAX_FPS },
  );
  unmount = () => app.unmount();
  return lifecycle.run();
}
