import { Command, CommanderError, Option } from 'commander';
import { ExitCode, toVoicechatError, UsageError, type ExitCodeValue } from './core/errors.js';
import { redact } from './core/secrets.js';
import type { MainFlags } from './cli/flags.js';
import { VERSION } from './version.js';
import { registerConfigCommands } from './commands/register-config-commands.js';

/** Options of the main (talk / one-shot) command that are not settings. */
export interface RunFlags extends MainFlags {
  profile?: string;
  text?: string;
  json?: boolean;
  audioOut?: string;
  speak?: boolean;
  tui?: boolean;
  inputFile?: string;
  turns?: string;
  tools?: boolean;
  debug?: boolean;
  logFile?: string;
  explain?: boolean;
  reconnectAttempts?: string;
  sessionCap?: string;
}

function buildProgram(setExit: (code: ExitCodeValue) => void): Command {
  const program = new Command();
  program
    .name('voicechat')
    .description('Talk to realtime speech-to-speech models from your terminal.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run voicechat --help for usage)')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .addOption(new Option('-p, --provider <id>', 'openai | azure-openai | azure-voicelive | gemini | vertex'))
    .option('--profile <name>', 'use a saved profile')
    .option('-m, --model <name>', 'model (or Azure deployment)')
    .option('--voice <name>', 'voice of the assistant')
    .option('-i, --instructions <text>', 'system instructions')
    .option('--endpoint <url>', 'base URL: a proxy, gateway or private endpoint')
    .option('--api-key-env <name>', 'read the API key from this environment variable')
    .option('--api-key-command <cmd>', 'run this command and use its output as the API key')
    .option('--auth-style <style>', 'bearer | api-key | query (gateways)')
    .option('--api-version <version>', 'API version (Azure preview / Voice Live, Gemini v1beta|v1alpha|v1)')
    .option('--deployment <name>', 'Azure deployment name')
    .option('--project <id>', 'Google Cloud project (Vertex AI)')
    .option('--location <region>', 'Google Cloud location (Vertex AI)')
    .option('-t, --text <prompt>', 'one-shot: send this text ("-" reads stdin), print the reply, exit')
    .option('--json', 'one-shot: print events as JSON Lines')
    .option('--audio-out <file.wav>', 'save the spoken reply as WAV')
    .option('--speak', 'one-shot: also play the reply on the speaker')
    .option('--no-tui', 'plain line-oriented output instead of the full-screen UI')
    .option('--input-file <file.wav>', 'use a WAV file as the microphone')
    .option('--turns <n>', 'headless: exit after this many replies (default 1 with --input-file)')
    .option('--vad <mode>', 'turn-taking: server | semantic | manual (push-to-talk)')
    .option('--vad-threshold <0-1>', 'server VAD threshold')
    .option('--prefix-padding <ms>', 'server VAD prefix padding')
    .option('--silence-duration <ms>', 'server VAD silence before the turn ends')
    .option('--eagerness <level>', 'semantic VAD: low | medium | high | auto')
    .option('--speed <x>', 'speech speed (0.25-1.5)')
    .option('--temperature <x>', 'sampling temperature (providers that have it)')
    .option('--max-output-tokens <n>', 'cap on reply length')
    .option('--transcription-model <name>', 'model that transcribes your speech')
    .option('--transcription-language <code>', 'language of your speech (ISO-639-1)')
    .option('--noise-reduction <type>', 'near_field | far_field | off')
    .option('--no-echo-cancellation', 'turn off server echo cancellation (Voice Live)')
    .option('--input-device <id|name>', 'microphone (id or part of the name)')
    .option('--output-device <id|name>', 'speaker (id or part of the name)')
    .option('--record <dir>', 'record the conversation to this directory')
    .option('--no-tools', 'do not offer the built-in tools to the model')
    .option('--reconnect-attempts <n>', 'reconnect attempts after a dropped connection (default 6)')
    .option('--session-cap <seconds>', 'renew the connection after this long (default: the provider limit)')
    .option('--timeout <seconds>', 'connect / reply inactivity timeout', undefined)
    .option('--explain', 'print the resolved settings and where each came from, then exit')
    .option('--debug', 'verbose diagnostics on stderr (or --log-file)')
    .option('--log-file <file>', 'write diagnostics to this file')
    .action(async (flags: RunFlags, command: Command) => {
      const { runMain } = await import('./modes/run.js');
      setExit(await runMain(flags, command.getOptionValueSource('echoCancellation') === 'cli'));
    });

  program
    .command('devices')
    .description('list audio input and output devices')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { runDevices } = await import('./commands/devices.js');
      setExit((await runDevices({ json: opts.json === true })) as ExitCodeValue);
    });

  program
    .command('replay')
    .description('print a recorded conversation (--record DIR) with its timings')
    .argument('<dir>', 'the recording directory')
    .option('--json', 'machine-readable output')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { runReplay } = await import('./commands/replay.js');
      setExit(await runReplay({ dir, json: opts.json === true }));
    });

  registerConfigCommands(program, setExit);
  return program;
}

/** Parses argv, runs the command, and returns the exit code; the only top-level catch. */
export async function main(argv: string[]): Promise<ExitCodeValue> {
  let code: ExitCodeValue = ExitCode.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return ExitCode.ok;
      }
      return ExitCode.usage;
    }
    const failure = toVoicechatError(error);
    const debug = argv.includes('--debug') || process.env['VOICECHAT_DEBUG'] === '1';
    printError(
      failure.message,
      failure.hint,
      debug && !(error instanceof UsageError) ? (failure.cause ?? error) : undefined,
    );
    return failure.exitCode;
  }
}

function printError(message: string, hint: string | undefined, detail: unknown): void {
  const colour = process.stderr.isTTY === true && process.env['NO_COLOR'] === undefined;
  const red = (s: string): string => (colour ? `\u001b[31m${s}\u001b[39m` : s);
  process.stderr.write(`${red('voicechat:')} ${redact(message)}\n`);
  if (hint !== undefined) process.stderr.write(`  ${redact(hint)}\n`);
  if (detail instanceof Error && detail.stack !== undefined) process.stderr.write(`${redact(detail.stack)}\n`);
}

const stopMemStats =
  process.env['VOICECHAT_MEMSTATS'] === undefined ? undefined : (await import('./core/mem-stats.js')).startMemStats();
const code = await main(process.argv);
stopMemStats?.();
process.exitCode = code;
