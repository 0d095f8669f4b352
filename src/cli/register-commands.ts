import { Argument, Option, type Command } from 'commander';
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
  registerMcp(program, setExit);

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
    .command('completion')
    .description('print a shell completion script (bash: source <(voicechat completion bash))')
    .addArgument(new Argument('[shell]', 'bash | zsh | fish').choices(['bash', 'zsh', 'fish']))
    // what the scripts call while completing: profile and device names, one a line
    .addOption(new Option('--list <list>').choices(['profiles', 'input-devices', 'output-devices']).hideHelp())
    .action(async (shell: string | undefined, opts: { list?: string }, cmd: Command) => {
      const { runCompletion } = await import('./completion-command.js');
      setExit(await runCompletion(shell, opts.list, cmd.parent ?? program));
    });

  program
    .command('doctor')
    .description('check Node, audio, devices, profiles, keys and endpoints')
    .option('--json', 'machine-readable output')
    .option('--profile <name>', 'check only this profile')
    .option('--skip-audio', 'skip the audio checks (CI, no sound card)')
    .option('--audio-backend <name>', "auto | portaudio | pulse (default: the config's audioBackend, else auto)")
    .option('--timeout <seconds>', 'per-endpoint handshake timeout (default 5)')
    .option('--proxy <url|none>', 'proxy for the endpoint checks (overrides HTTPS_PROXY …)')
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

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

function registerMcp(program: Command, setExit: SetExit): void {
  const mcp = program.command('mcp').description('MCP servers whose tools the model may call');
  mcp
    .command('list')
    .description('start the configured servers, list their tools and whether each asks first, stop them')
    .option('--json', 'machine-readable output')
    .option('--no-start', 'show the configuration only; start nothing')
    .option('--profile <name>', "include this profile's servers")
    .option('--mcp-config <file>', 'include the servers of this JSON file')
    .option('--allow-tool <server/tool>', 'count this tool as allowed (repeatable)', collect)
    .action(async (_opts: unknown, cmd: Command) => {
      const { runMcpListCommand } = await import('../commands/mcp-commands.js');
      setExit(await runMcpListCommand(allOptions(cmd)));
    });
  mcp
    .command('add <name> [command...]')
    .description('add a server: mcp add NAME -- COMMAND [ARGS...], or mcp add NAME --url URL')
    .option('--env <KEY=VALUE>', 'environment of the server; VALUE may be ${VAR} (repeatable)', collect)
    .option('--cwd <dir>', 'working directory of the server')
    .option('--url <url>', 'a Streamable HTTP server instead of a command')
    .option('--header <"Name: value">', 'HTTP header, e.g. "Authorization: Bearer ${TOKEN}" (repeatable)', collect)
    .option('--profile <name>', 'add it to this profile instead of the global settings')
    .option('--force', 'replace a server of the same name')
    .action(async (name: string, command: string[], opts: Record<string, unknown>) => {
      const [{ runMcpAdd }, { configMcpStore }] = await Promise.all([
        import('../commands/mcp-add.js'),
        import('../commands/mcp-store.js'),
      ]);
      const store = await configMcpStore(process.env, opts['profile'] as string | undefined);
      setExit(await runMcpAdd(store, name, opts, command));
    });
  mcp
    .command('remove <name>')
    .alias('rm')
    .description('remove a server')
    .option('--profile <name>', 'remove it from this profile instead of the global settings')
    .action(async (name: string, opts: { profile?: string }) => {
      const [{ runMcpRemove }, { configMcpStore }] = await Promise.all([
        import('../commands/mcp-remove.js'),
        import('../commands/mcp-store.js'),
      ]);
      setExit(await runMcpRemove(await configMcpStore(process.env, opts.profile), name));
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
