import type { ExitCodeValue } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { LoadedSettings } from '../config/load-settings.js';
import type { RunFlags } from '../cli.js';

/** Interactive UI on a terminal; the plain line log when asked (--no-tui) or when piped. */
export async function runConversation(flags: RunFlags, loaded: LoadedSettings, log: Logger): Promise<ExitCodeValue> {
  const interactive = flags.tui !== false && process.stdout.isTTY === true && flags.inputFile === undefined;
  if (!interactive) {
    const { runHeadless } = await import('./headless.js');
    return runHeadless(flags, loaded, log);
  }
  // Ink renders only a final frame when it believes it runs in CI; on a real terminal it does not
  for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) Reflect.deleteProperty(process.env, name);
  const { runChat } = await import('./chat.js');
  return runChat(flags, loaded, log);
}
