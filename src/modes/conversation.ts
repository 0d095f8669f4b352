import { UsageError, type ExitCodeValue } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { LoadedSettings } from '../config/load-settings.js';
import type { RunFlags } from '../cli.js';

/** Interactive or headless duplex conversation. */
export function runConversation(_flags: RunFlags, _loaded: LoadedSettings, _log: Logger): Promise<ExitCodeValue> {
  return Promise.reject(new UsageError('The duplex conversation loop is not built yet; use --text.'));
}
