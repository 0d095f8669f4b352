import { Command, CommanderError } from 'commander';
import { ExitCode, toVoicechatError, UsageError, type ExitCodeValue } from '../core/errors.js';
import { redact } from '../core/secrets.js';
import { VERSION } from '../version.js';
import { registerCommands } from './register-commands.js';
import { addRunOptions, debugRequested, type RunOptions } from './run-options.js';
import { runIntentFrom } from './run-plan.js';
import { addSettingOptions, settingsFromCommand } from './setting-options.js';

export function buildProgram(setExit: (code: ExitCodeValue) => void): Command {
  const program = new Command();
  program
    .name('voicechat')
    .description('Talk to realtime speech-to-speech models from your terminal.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run voicechat --help for usage)')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  addRunOptions(addSettingOptions(program)).action(async (options: RunOptions, command: Command) => {
    // flags are parsed and cross-checked before anything is read or loaded
    const intent = runIntentFrom(options, process.env, process.stdout.isTTY === true);
    const flags = settingsFromCommand(command);
    const { runFromIntent } = await import('./run-action.js');
    setExit(await runFromIntent(intent, flags));
  });

  program
    .command('devices')
    .description('list audio input and output devices, and which audio backend lists them and why')
    .option('--json', 'machine-readable output')
    .option('--audio-backend <name>', "auto | portaudio | pulse (default: the config's audioBackend, else auto)")
    .action(async (opts: { json?: boolean; audioBackend?: string }) => {
      const { runDevices } = await import('../commands/devices.js');
      setExit((await runDevices({ json: opts.json === true, audioBackend: opts.audioBackend })) as ExitCodeValue);
    });

  program
    .command('replay')
    .description('print a recorded conversation (--record DIR) with its timings')
    .argument('<dir>', 'the recording directory')
    .option('--json', 'machine-readable output')
    .action(async (dir: string, opts: { json?: boolean }) => {
      const { runReplay } = await import('../commands/replay.js');
      setExit(await runReplay({ dir, json: opts.json === true }));
    });

  registerCommands(program, setExit);
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
    // the run plan may not exist yet (a parse error): the same rule, from argv
    const debug = debugRequested(argv.includes('--debug'), process.env);
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
