import type { LoadedSettings } from '../config/load-settings.js';
import type { McpSettings } from './mcp-settings.js';

/** What a run does; decided once at the entry point from the flags. */
export type RunMode =
  /** Print the resolved settings with their origins, then exit. */
  | { kind: 'explain'; json: boolean }
  /** Send one text turn, print the reply, exit. */
  | { kind: 'oneshot'; prompt: string; json: boolean; speak: boolean }
  /** A spoken conversation: the full-screen UI, or the plain line log (pipes, --no-tui, files). */
  | { kind: 'conversation'; ui: 'tui' | 'plain' };

/** Reconnect and renewal; undefined keeps the built-in policy. */
export interface ReconnectPolicy {
  maxAttempts: number | undefined;
  sessionCapMs: number | undefined;
}

/**
 * A run, fully resolved: settings with their origins, the mode, the files, and every run option
 * parsed and cross-checked. Modes receive this and never see a raw flag.
 */
export interface RunPlan {
  settings: LoadedSettings;
  mode: RunMode;
  files: {
    /** A WAV used as the microphone. */
    inputFile: string | undefined;
    /** Where the spoken reply is saved as WAV. */
    audioOut: string | undefined;
    /** Diagnostics file (`--log-file`). */
    logFile: string | undefined;
  };
  /** Replies after which a plain conversation ends; Infinity runs until Ctrl+C. */
  turns: number;
  reconnect: ReconnectPolicy;
  /** Offer the built-in tools to the model. */
  tools: boolean;
  /** MCP servers and the allow list (empty with --no-tools or when none are configured). */
  mcp: McpSettings;
  /** Verbose diagnostics (`--debug` or VOICECHAT_DEBUG=1). */
  debug: boolean;
}
