import type { Command } from 'commander';
import type { ExitCodeValue } from '../core/errors.js';
import { addSettingOptions, settingsFromCommand } from './setting-options.js';

type SetExit = (code: ExitCodeValue) => void;

/** Options of a subcommand merged with the program's (the program parses its own flags anywhere). */
function allOptions(command: Command): Record<string, unknown> {
  return command.optsWithGlobals();
}

/** Registers profile, config, providers, voices, models and doctor; actions load their code lazily. */
export function registerCommands(program: Command, setExit: SetExit): void {
  registerProfile(program, setExit);
  registerConfig(program, setExit);

  program
    .command('providers')
    .description('list providers and whether each is configured')
    .option('--json', 'machine-readable output')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runProviders } = await import('../commands/catalog-commands.js');
      setExit(await runProviders(allOptions(cmd)));
    });
  for (const kind of ['voices', 'models'] as const) {
    program
      .command(kind)
      .description(`list the ${kind} known for each provider (or one, with --provider)`)
      .option('-p, --provider <id>', 'only this provider')
      .option('--json', 'machine-readable output')
      .action(async (_opts: unknown, cmd: Command) => {
        const { runCatalog } = await import('../commands/catalog-commands.js');
        setExit(runCatalog(kind, allOptions(cmd)));
      });
  }

  program
    .command('doctor')
    .description('check Node, audio, devices, profiles, keys and endpoints')
    .option('--json', 'machine-readable output')
    .option('--profile <name>', 'check only this profile')
    .option('--skip-audio', 'skip the audio checks (CI, no sound card)')
    .option('--audio-backend <name>', "auto | portaudio | pulse (default: the config's audioBackend, else auto)")
    .option('--timeout <seconds>', 'per-endpoint handshake timeout (default 5)')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runDoctor } = await import('../commands/doctor.js');
      setExit(await runDoctor(allOptions(cmd)));
    });
}

function registerProfile(program: Command, setExit: SetExit): void {
  const profile = program
    .command('profile')
    .description('manage saved profiles (provider, key source, voice, devices …)');
  addSettingOptions(
    profile
      .command('add <name>')
      .description('save a profile; keys stay in a variable (--api-key-env) or a command (--api-key-command)')
      .option('--gateway <preset>', 'truefoundry | custom: fill the endpoint and auth for a gateway')
      .option('--gateway-url <url>', 'gateway base URL (e.g. https://cp.example.com)')
      .option('--gateway-account <name>', 'TrueFoundry provider account')
      .option('--store-key', 'store the key read from stdin in the file (clear text, not recommended)')
      .option('--force', 'replace a profile of the same name'),
  ).action(async (name: string, _opts: unknown, cmd: Command) => {
    const { runProfileAdd } = await import('../commands/profile-add.js');
    setExit(await runProfileAdd(name, settingsFromCommand(cmd), allOptions(cmd)));
  });
  profile
    .command('list')
    .description('list profiles (* marks the default)')
    .option('--json', 'machine-readable output')
    .action(async (_opts: unknown, cmd: Command) => {
      const { runProfileList } = await import('../commands/profile-commands.js');
      setExit(await runProfileList(allOptions(cmd)));
    });
  profile
    .command('show <name>')
    .description('show a profile as a run would resolve it, and where each value comes from')
    .option('--json', 'machine-readable output')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const { runProfileShow } = await import('../commands/profile-commands.js');
      setExit(await runProfileShow(name, allOptions(cmd)));
    });
  profile
    .command('set <name> <assignments...>')
    .description('change settings: KEY=VALUE (KEY= removes it), e.g. voice=cedar vad=semantic')
    .action(async (name: string, assignments: string[]) => {
      const { runProfileSet } = await import('../commands/profile-commands.js');
      setExit(await runProfileSet(name, assignments));
    });
  profile
    .command('remove <name>')
    .alias('rm')
    .description('delete a profile')
    .action(async (name: string) => {
      const { runProfileRemove } = await import('../commands/profile-commands.js');
      setExit(await runProfileRemove(name));
    });
  profile
    .command('use <name>')
    .description('make a profile the default for runs without --profile')
    .action(async (name: string) => {
      const { runProfileUse } = await import('../commands/profile-commands.js');
      setExit(await runProfileUse(name));
    });
}

function registerConfig(program: Command, setExit: SetExit): void {
  const config = program.command('config').description('global settings, below every profile');
  config
    .command('path')
    .description('print the config file location')
    .action(async () => {
      const { runConfigPath } = await import('../commands/config-commands.js');
      setExit(runConfigPath());
    });
  config
    .command('get [key]')
    .description('print one global setting, or all')
    .option('--json', 'machine-readable output')
    .action(async (key: string | undefined, _opts: unknown, cmd: Command) => {
      const { runConfigGet } = await import('../commands/config-commands.js');
      setExit(await runConfigGet(key, allOptions(cmd)));
    });
  config
    .command('set <assignments...>')
    .description('set global settings: KEY=VALUE (KEY= removes it), e.g. inputDevice=USB vad=semantic')
    .action(async (assignments: string[]) => {
      const { runConfigSet } = await import('../commands/config-commands.js');
      setExit(await runConfigSet(assignments));
    });
}
