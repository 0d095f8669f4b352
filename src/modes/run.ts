import { ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import { createLogger, type Logger } from '../core/log.js';
import { flagsToSettings } from '../cli/flags.js';
import { loadSettings, type LoadedSettings } from '../config/load-settings.js';
import type { RunFlags } from '../cli.js';
import { formatExplain } from './explain.js';
import type { OneShotPlayer } from './oneshot.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function makeLogger(flags: RunFlags): Logger {
  const debug = flags.debug === true || process.env['VOICECHAT_DEBUG'] === '1';
  return createLogger({ level: debug ? 'debug' : 'warn', file: flags.logFile });
}

/** The main command: one-shot text, headless loop, or the interactive UI. */
export async function runMain(flags: RunFlags, echoFromCli: boolean): Promise<ExitCodeValue> {
  const log = makeLogger(flags);
  const settingsFlags = flagsToSettings({
    ...flags,
    echoCancellation: echoFromCli ? flags.echoCancellation : undefined,
  });
  const loaded = await loadSettings({
    flags: settingsFlags,
    env: process.env,
    profile: flags.profile,
    explain: flags.explain === true,
  });
  if (flags.explain === true) {
    process.stdout.write(formatExplain(loaded, flags.json === true));
    return ExitCode.ok;
  }
  if (loaded.notice !== undefined && flags.json !== true) process.stderr.write(`voicechat: ${loaded.notice}\n`);
  if (flags.text !== undefined) return runText(flags, loaded, log);
  if (flags.json === true) throw new UsageError('--json goes with --text (one-shot mode).');
  const { runConversation } = await import('./conversation.js');
  return runConversation(flags, loaded, log);
}

async function runText(flags: RunFlags, loaded: LoadedSettings, log: Logger): Promise<ExitCodeValue> {
  const prompt = flags.text === '-' ? await readStdin() : (flags.text ?? '');
  if (prompt.trim() === '') throw new UsageError('--text needs a prompt (or "-" to read it from stdin).');
  if (flags.inputFile !== undefined) throw new UsageError('--input-file and --text cannot be combined.');
  const { runOneShot } = await import('./oneshot.js');
  const player = flags.speak === true ? await createSpeaker(loaded, log) : undefined;
  return runOneShot({
    settings: loaded.values,
    prompt: prompt.trim(),
    json: flags.json === true,
    audioOut: flags.audioOut,
    speak: flags.speak === true,
    tools: flags.tools !== false,
    stdout: process.stdout,
    env: process.env,
    log,
    player,
  });
}

async function createSpeaker(loaded: LoadedSettings, log: Logger): Promise<OneShotPlayer> {
  const { createSpeakerPlayer } = await import('./speaker-player.js');
  return createSpeakerPlayer(loaded.values.outputDevice, log);
}
