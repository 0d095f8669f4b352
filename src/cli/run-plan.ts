import { UsageError } from '../core/errors.js';
import type { LoadedSettings } from '../config/load-settings.js';
import { NO_MCP, type McpSettings } from '../modes/mcp-settings.js';
import type { ReconnectPolicy, RunMode, RunPlan } from '../modes/run-plan.js';
import { debugRequested, type RunOptions } from './run-options.js';

/** The run options parsed and cross-checked, before settings are loaded or stdin is read. */
export interface RunIntent {
  mode:
    | { kind: 'explain'; json: boolean }
    | { kind: 'oneshot'; text: string; json: boolean; speak: boolean }
    | { kind: 'conversation'; ui: 'tui' | 'plain' };
  files: RunPlan['files'];
  turns: number;
  reconnect: ReconnectPolicy;
  tools: boolean;
  debug: boolean;
  profile: string | undefined;
  /** `--mcp-config FILE`, read once settings are loaded. */
  mcpConfig: string | undefined;
}

/** The one number parser for run options: a positive number, or a usage error naming the flag. */
function positive(flag: string, raw: string | undefined, what = 'a positive number'): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${flag} expects ${what} (got "${raw}").`);
  }
  return value;
}

function turnsFrom(options: RunOptions): number {
  const raw = options.turns ?? (options.inputFile !== undefined ? '1' : undefined);
  if (raw === undefined) return Infinity;
  const turns = positive('turns', raw, 'a whole number >= 1');
  if (turns === undefined || !Number.isInteger(turns)) {
    throw new UsageError(`--turns expects a whole number >= 1 (got "${raw}").`);
  }
  return turns;
}

function modeFrom(options: RunOptions, stdoutIsTty: boolean): RunIntent['mode'] {
  const json = options.json === true;
  if (options.explain === true) return { kind: 'explain', json };
  if (options.text !== undefined) {
    if (options.inputFile !== undefined) throw new UsageError('--input-file and --text cannot be combined.');
    return { kind: 'oneshot', text: options.text, json, speak: options.speak === true };
  }
  if (json) throw new UsageError('--json goes with --text (one-shot mode).');
  if (options.speak === true) throw new UsageError('--speak goes with --text; a conversation always speaks.');
  const tui = options.tui !== false && stdoutIsTty && options.inputFile === undefined;
  return { kind: 'conversation', ui: tui ? 'tui' : 'plain' };
}

/** Parses and cross-checks every run option. Pure; throws UsageError. */
export function runIntentFrom(options: RunOptions, env: NodeJS.ProcessEnv, stdoutIsTty: boolean): RunIntent {
  const mode = modeFrom(options, stdoutIsTty);
  const attempts = positive('reconnect-attempts', options.reconnectAttempts);
  const capSeconds = positive('session-cap', options.sessionCap);
  return {
    mode,
    files: { inputFile: options.inputFile, audioOut: options.audioOut, logFile: options.logFile },
    turns: turnsFrom(options),
    reconnect: {
      maxAttempts: attempts === undefined ? undefined : Math.round(attempts),
      sessionCapMs: capSeconds === undefined ? undefined : capSeconds * 1000,
    },
    tools: options.tools !== false,
    debug: debugRequested(options.debug === true, env),
    profile: options.profile,
    mcpConfig: options.mcpConfig,
  };
}

/** The settings layers plus the intent become the plan; a `--text -` prompt is read here. */
export async function completeRunPlan(
  intent: RunIntent,
  settings: LoadedSettings,
  readStdin: () => Promise<string>,
  mcp: McpSettings = NO_MCP,
): Promise<RunPlan> {
  const { profile: _profile, mcpConfig: _mcpConfig, mode: wanted, ...rest } = intent;
  let mode: RunMode;
  switch (wanted.kind) {
    case 'oneshot': {
      const prompt = wanted.text === '-' ? await readStdin() : wanted.text;
      if (prompt.trim() === '') throw new UsageError('--text needs a prompt (or "-" to read it from stdin).');
      mode = { kind: 'oneshot', prompt: prompt.trim(), json: wanted.json, speak: wanted.speak };
      break;
    }
    case 'conversation':
      // push-to-talk needs a keyboard; the plain log has none (an input file is one turn instead)
      if (wanted.ui === 'plain' && settings.values.vad === 'manual' && rest.files.inputFile === undefined) {
        throw new UsageError('--vad manual needs a keyboard (push-to-talk), and the plain line mode has none.', {
          hint: 'Run in a terminal without --no-tui, give --input-file FILE (one push-to-talk turn per file), or use --vad server.',
        });
      }
      mode = wanted;
      break;
    case 'explain':
      mode = wanted;
      break;
  }
  return { ...rest, settings, mode, mcp: rest.tools ? mcp : NO_MCP };
}
