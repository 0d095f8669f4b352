import { Option, type Command } from 'commander';

/** Options of the main command that are not settings: what to run, with which files. */
export interface RunOptions {
  profile?: string;
  text?: string;
  json?: boolean;
  audioOut?: string;
  speak?: boolean;
  tui?: boolean;
  inputFile?: string;
  turns?: string;
  tools?: boolean;
  reconnectAttempts?: string;
  sessionCap?: string;
  explain?: boolean;
  debug?: boolean;
  logFile?: string;
  mcpConfig?: string;
}

const RUN_OPTIONS: readonly (readonly [string, string])[] = [
  ['--profile <name>', 'use a saved profile'],
  ['-t, --text <prompt>', 'one-shot: send this text ("-" reads stdin), print the reply, exit'],
  ['--json', 'one-shot: print events as JSON Lines'],
  ['--audio-out <file.wav>', 'save the spoken reply as WAV'],
  ['--speak', 'one-shot: also play the reply on the speaker'],
  ['--no-tui', 'plain line-oriented output instead of the full-screen UI'],
  ['--input-file <file.wav>', 'use a WAV file as the microphone'],
  ['--turns <n>', 'headless: exit after this many replies (default 1 with --input-file)'],
  ['--no-tools', 'offer the model no tools (neither built-in nor MCP)'],
  ['--mcp-config <file>', 'MCP servers from this JSON file (the mcpServers shape editors use)'],
  ['--reconnect-attempts <n>', 'reconnect attempts after a dropped connection (default 6)'],
  ['--session-cap <seconds>', 'renew the connection after this long (default: the provider limit)'],
  ['--explain', 'print the resolved settings and where each came from, then exit'],
  ['--debug', 'verbose diagnostics on stderr (or --log-file)'],
  ['--log-file <file>', 'write diagnostics to this file'],
];

export function addRunOptions(command: Command): Command {
  for (const [flags, help] of RUN_OPTIONS) command.addOption(new Option(flags, help));
  return command;
}

/** Whether diagnostics are verbose: `--debug` or VOICECHAT_DEBUG=1. The one place this is decided. */
export function debugRequested(debugFlag: boolean, env: NodeJS.ProcessEnv): boolean {
  return debugFlag || env['VOICECHAT_DEBUG'] === '1';
}
