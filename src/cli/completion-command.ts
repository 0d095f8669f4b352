import type { Command } from 'commander';
import { completionList, completionScript, type CompletionShell } from '../cli-completion/index.js';
import { specFromCommander, type ValueHints } from '../cli-completion/from-commander.js';
import { DYNAMIC_LISTS, type DynamicList } from '../cli-completion/spec.js';
import { ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import { PROVIDER_CATALOGUE } from '../providers/registry.js';

/** Where option values come from, by long option name (providers from the catalogue, the rest dynamic). */
function valueHints(): ValueHints {
  return {
    provider: { kind: 'words', words: PROVIDER_CATALOGUE.entries.map((e) => e.id) },
    profile: { kind: 'dynamic', list: 'profiles' },
    'input-device': { kind: 'dynamic', list: 'input-devices' },
    'output-device': { kind: 'dynamic', list: 'output-devices' },
    'input-file': { kind: 'file' },
    'audio-out': { kind: 'file' },
    record: { kind: 'file' },
    'log-file': { kind: 'file' },
  };
}

/** Positional arguments by command name: `profile show|use|remove <name>` complete profile names. */
const ARG_HINTS: ValueHints = {
  show: { kind: 'dynamic', list: 'profiles' },
  use: { kind: 'dynamic', list: 'profiles' },
  remove: { kind: 'dynamic', list: 'profiles' },
  set: { kind: 'dynamic', list: 'profiles' },
};

async function profileNamesNow(): Promise<string[]> {
  const { readConfig } = await import('../config/config-store.js');
  const { profileNames } = await import('../config/profile-source.js');
  return profileNames(await readConfig(process.env));
}

async function deviceNamesNow(direction: 'input' | 'output'): Promise<string[]> {
  const { listBackendDevices } = await import('../audio/list-devices.js');
  const { devices } = await listBackendDevices();
  return devices
    .filter((d) => (direction === 'input' ? d.maxInputChannels > 0 : d.maxOutputChannels > 0))
    .map((d) => d.name);
}

/**
 * `voicechat completion bash|zsh|fish` prints the script (built from the real commander
 * program, so it follows every flag); the hidden `--list <list>` is what the script calls
 * while completing and prints one name per line, nothing on failure.
 */
export async function runCompletion(
  shell: string | undefined,
  list: string | undefined,
  program: Command,
): Promise<ExitCodeValue> {
  if (list !== undefined) {
    if (!(DYNAMIC_LISTS as readonly string[]).includes(list)) return ExitCode.usage;
    const text = await completionList(list as DynamicList, {
      profiles: profileNamesNow,
      inputDevices: () => deviceNamesNow('input'),
      outputDevices: () => deviceNamesNow('output'),
    });
    process.stdout.write(text);
    return ExitCode.ok;
  }
  if (shell === undefined) {
    throw new UsageError('Name a shell: voicechat completion bash|zsh|fish.', {
      hint: 'bash: source <(voicechat completion bash)   zsh: source <(voicechat completion zsh)   fish: voicechat completion fish | source',
    });
  }
  const root = specFromCommander(program, valueHints(), ARG_HINTS);
  const script = completionScript(shell as CompletionShell, {
    program: program.name(),
    root,
    listCommand: 'completion --list',
  });
  process.stdout.write(script);
  return ExitCode.ok;
}
