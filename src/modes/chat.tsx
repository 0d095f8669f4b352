import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode, VoicechatError, type ExitCodeValue } from '../core/errors.js';
import { runEndingError } from '../core/run-ending.js';
import { createLogger, silentLogger, type Logger } from '../core/log.js';
import { formatLatencySummary } from '../core/latency-clock.js';
import { getDescriptor } from '../providers/registry.js';
import type { LoadedSettings } from '../config/load-settings.js';
import type { RunFlags } from '../cli.js';
import { App } from '../ui/app.js';
import type { Intent } from '../ui/keymap.js';
import { initialState, reduce } from '../ui/state/conversation.js';
import { createStore } from '../ui/state/store.js';
import { createTheme } from '../ui/theme.js';
import { createDuplex } from './duplex-setup.js';

const STOP_TIMEOUT_MS = 800;
const LEVELS_INTERVAL_MS = 100;
/** The screen changes with speech and meters; 15 frames a second reads as smooth and costs little. */
const MAX_FPS = 15;

/** The TUI owns the terminal: diagnostics go to a file, never to the screen. */
function tuiLogger(flags: RunFlags): { log: Logger; file: string | undefined } {
  const debug = flags.debug === true || process.env['VOICECHAT_DEBUG'] === '1';
  const file = flags.logFile ?? (debug ? join(tmpdir(), 'voicechat-debug.log') : undefined);
  return {
    // without a file there is nowhere to write: the terminal belongs to Ink
    log: file === undefined ? silentLogger : createLogger({ level: debug ? 'debug' : 'warn', file }),
    file,
  };
}

/** Interactive voice chat: the Ink TUI over the duplex controller. */
export async function runChat(flags: RunFlags, loaded: LoadedSettings, _cliLog: Logger): Promise<ExitCodeValue> {
  const { log, file } = tuiLogger(flags);
  const { controller, recorder } = await createDuplex(flags, loaded, log);
  const settings = loaded.values;
  const store = createStore(
    reduce,
    initialState(
      {
        provider: getDescriptor(settings.provider).label,
        model: settings.model,
        voice: settings.voice,
        profile: loaded.profileName,
        vad: settings.vad,
      },
      Date.now(),
    ),
  );
  // meters need ~10 updates a second to look alive; every other event is shown at once
  let lastLevelsAtMs = 0;
  controller.subscribe((event) => {
    const atMs = Date.now();
    if (event.type === 'levels') {
      if (atMs - lastLevelsAtMs < LEVELS_INTERVAL_MS) return;
      lastLevelsAtMs = atMs;
    }
    store.dispatch({ type: 'event', event, atMs });
  });
  const tick = setInterval(() => store.dispatch({ type: 'tick', atMs: Date.now() }), 1000);

  let finish: (outcome: ExitCodeValue | VoicechatError) => void = () => undefined;
  const done = new Promise<ExitCodeValue | VoicechatError>((resolve) => {
    finish = resolve;
  });
  controller.subscribe((event) => {
    const fatal = runEndingError(event);
    if (fatal !== undefined) finish(fatal);
  });
  const onIntent = (intent: Intent): void => {
    switch (intent) {
      case 'quit':
        finish(ExitCode.ok);
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
      case 'start-typing':
      case 'toggle-help':
        return;
    }
  };
  const onSignal = (): void => finish(ExitCode.interrupted);
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);

  const { render } = await import('ink');
  const theme = createTheme(process.env['NO_COLOR'] !== undefined);
  const app = render(
    <App store={store} theme={theme} onIntent={onIntent} onSend={(text) => controller.sendText(text)} />,
    {
      exitOnCtrlC: false,
      patchConsole: true,
      maxFps: MAX_FPS,
    },
  );
  try {
    await Promise.race([controller.start(), done.then(() => undefined)]);
    const outcome = await done;
    if (outcome instanceof VoicechatError) throw outcome;
    return outcome;
  } finally {
    clearInterval(tick);
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    // give the terminal back first; closing the socket and audio can finish behind it
    app.unmount();
    await Promise.race([controller.stop(), new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS).unref())]);
    recorder?.close();
    process.stderr.write(`${formatLatencySummary(controller.latencySummary)}\n`);
    if (file !== undefined) process.stderr.write(`diagnostics: ${file}\n`);
  }
}
