import { ExitCode, UsageError, TemporaryError, type ExitCodeValue } from '../core/errors.js';
import { runEndingError } from '../core/run-ending.js';
import type { Logger } from '../core/log.js';
import { redact } from '../core/secrets.js';
import { formatLatencySummary } from '../core/latency-clock.js';
import type { LoadedSettings } from '../config/load-settings.js';
import type { RunFlags } from '../cli.js';
import { createPlainLog } from '../ui/plain-log.js';
import { createDuplex } from './duplex-setup.js';

/** How long to wait for a late input transcript before exiting. */
const TRANSCRIPT_GRACE_MS = 800;

/**
 * The duplex loop with a plain line log instead of the TUI: files or devices, exits after
 * `--turns` replies (default 1 with --input-file), on Ctrl+C, or on a fatal error.
 */
export async function runHeadless(flags: RunFlags, loaded: LoadedSettings, log: Logger): Promise<ExitCodeValue> {
  const turnsRaw = flags.turns ?? (flags.inputFile !== undefined ? '1' : undefined);
  const turns = turnsRaw === undefined ? Infinity : Number(turnsRaw);
  if (turnsRaw !== undefined && (!Number.isInteger(turns) || turns < 1)) {
    throw new UsageError(`--turns expects a whole number >= 1 (got "${turnsRaw}").`);
  }
  const { controller, recorder } = await createDuplex(flags, loaded, log);
  const print = createPlainLog({
    write: (line) => process.stdout.write(`${redact(line)}\n`),
    writeError: (line) => process.stderr.write(`${redact(line)}\n`),
  });
  const completed = new Set<string>();
  const toolResponses = new Set<string>();
  let replies = 0;
  const pendingUserItems = new Set<string>();

  const result = new Promise<ExitCodeValue>((resolve, reject) => {
    controller.subscribe((event) => {
      if (event.type !== 'levels')
        log.debug(`event ${event.type}${'responseId' in event ? ` ${event.responseId}` : ''}`);
      print(event);
      switch (event.type) {
        case 'input.speech_started':
          if (event.itemId !== undefined) pendingUserItems.add(event.itemId);
          return;
        case 'input.transcript.done':
          pendingUserItems.delete(event.itemId);
          return;
        case 'response.done':
          // a reply that called a tool is not the answer yet: the answer follows the tool output
          if (event.status === 'completed' && !toolResponses.has(event.responseId)) completed.add(event.responseId);
          return;
        case 'tool.call':
          toolResponses.add(event.responseId);
          return;
        case 'playback.finished':
          if (!completed.has(event.responseId)) return;
          replies += 1;
          if (replies >= turns) {
            const waitStart = Date.now();
            const settle = (): void => {
              if (pendingUserItems.size === 0 || Date.now() - waitStart > TRANSCRIPT_GRACE_MS) resolve(ExitCode.ok);
              else setTimeout(settle, 50);
            };
            settle();
          }
          return;
        case 'error':
        case 'engine.error': {
          const fatal = runEndingError(event);
          if (fatal !== undefined) reject(fatal);
          return;
        }
        case 'status':
          if (event.status === 'closed') reject(new TemporaryError('The provider closed the connection.'));
          return;
        default:
          return;
      }
    });
  });
  result.catch(() => undefined);
  const onSignal = (): void => {
    void controller.stop().then(() => process.exit(ExitCode.interrupted));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let started = false;
  try {
    await controller.start();
    started = true;
    return await result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await controller.stop();
    recorder?.close();
    if (started) process.stderr.write(`${formatLatencySummary(controller.latencySummary)}\n`);
  }
}
