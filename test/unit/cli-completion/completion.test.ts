import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Argument, Command, Option } from 'commander';
import { describe, expect, it } from 'vitest';
import { specFromCommander } from '../../../src/cli-completion/from-commander.js';
import { completionList, completionScript, type CompletionShell } from '../../../src/cli-completion/index.js';
import type { CompletionSpec } from '../../../src/cli-completion/spec.js';
import { allDescriptors } from '../../../src/providers/registry.js';

const PROVIDERS = allDescriptors().map((d) => d.id);

/** A commander program shaped like voicechat's (the real cli.ts runs main() on import). */
function program(): Command {
  const root = new Command('voicechat')
    .description('talk to a realtime voice model')
    .addOption(new Option('-p, --provider <id>', 'provider').choices(PROVIDERS))
    .option('--profile <name>', 'use a saved profile')
    .option('-m, --model <name>', 'model')
    .option('--input-device <name>', 'microphone')
    .option('--output-device <name>', 'speaker')
    .option('--input-file <file.wav>', 'use a WAV file as the microphone')
    .option('--json', 'JSON Lines')
    .addOption(new Option('--vad <mode>', 'turn-taking').choices(['server', 'semantic', 'manual']));
  root.command('devices').description('list audio devices').option('--json', 'as JSON');
  const profile = root.command('profile').description('manage profiles');
  profile.command('add').description('add a profile').argument('<name>').option('--provider <id>', 'provider');
  profile.command('list').description('list profiles');
  profile.command('show').description('show a profile').argument('<name>');
  root
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish']));
  return root;
}

const spec: CompletionSpec = {
  program: 'voicechat',
  listCommand: 'completion --list',
  root: specFromCommander(program(), {
    provider: { kind: 'words', words: PROVIDERS },
    profile: { kind: 'dynamic', list: 'profiles' },
    'input-device': { kind: 'dynamic', list: 'input-devices' },
    'output-device': { kind: 'dynamic', list: 'output-devices' },
    'input-file': { kind: 'file' },
  }),
};

/** Stand-in for the CLI's `completion --list` while completing (the list itself is tested below). */
const LISTS = {
  profiles: ['work', 'home-gemini'],
  'input-devices': ['VC Virtual Mic', 'default'],
  'output-devices': ['VC Virtual Speaker'],
};

function write(shell: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'vc-completion-'));
  const path = join(dir, `voicechat.${shell}`);
  writeFileSync(path, completionScript(shell as CompletionShell, spec));
  return path;
}

describe('completion scripts parse in their shells', () => {
  it('bash -n', () => {
    execFileSync('bash', ['-n', write('bash')]);
  });
  it('zsh -n', () => {
    execFileSync('zsh', ['-n', write('zsh')]);
  });
  it('fish --no-execute', () => {
    execFileSync('fish', ['--no-execute', write('fish')]);
  });
});

/** Sources the bash script, sets COMP_WORDS as bash would, calls the function, prints COMPREPLY. */
function bashComplete(words: string[]): string[] {
  const script = write('bash');
  const stub = `voicechat() { case "$3" in ${Object.entries(LISTS)
    .map(([k, v]) => `${k}) printf '%s\\n' ${v.map((n) => `'${n}'`).join(' ')} ;;`)
    .join(' ')} esac; }`;
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync(
    'bash',
    [
      '-c',
      `${stub}; source '${script}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _voicechat_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter((l) => l !== '');
}

describe('bash actually completes', () => {
  it.each([
    [['voicechat', '--prov'], ['--provider']],
    [['voicechat', '--provider', 'ge'], ['gemini']],
    [['voicechat', '-p', ''], PROVIDERS],
    [['voicechat', 'pro'], ['profile']],
    [
      ['voicechat', 'profile', ''],
      ['add', 'list', 'show'],
    ],
    [['voicechat', 'profile', 'add', '--'], ['--provider']],
    [
      ['voicechat', 'completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
    [
      ['voicechat', '--profile', ''],
      ['work', 'home-gemini'],
    ],
    [['voicechat', '--profile', 'h'], ['home-gemini']],
    [['voicechat', '--input-device', 'VC'], ['VC\\ Virtual\\ Mic']],
    [
      ['voicechat', '--vad', 's'],
      ['server', 'semantic'],
    ],
    [['voicechat', '--provider', 'openai', 'dev'], ['devices']],
  ])('%j -> %j', (words, expected) => {
    expect(bashComplete(words).sort()).toEqual([...expected].sort());
  });
});

function fishComplete(line: string): string[] {
  const script = write('fish');
  const stub = `function voicechat; switch $argv[3]; ${Object.entries(LISTS)
    .map(([k, v]) => `case ${k}; printf '%s\\n' ${v.map((n) => `'${n}'`).join(' ')};`)
    .join(' ')} end; end`;
  const out = execFileSync('fish', ['-c', `${stub}; source '${script}'; complete -C '${line}'`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[0] ?? '');
}

describe('fish actually completes', () => {
  it.each([
    ['voicechat --prov', ['--provider']],
    ['voicechat --provider ', PROVIDERS],
    ['voicechat profile ', ['add', 'list', 'show']],
    ['voicechat completion ', ['bash', 'zsh', 'fish']],
    ['voicechat --profile ', ['work', 'home-gemini']],
    ['voicechat --output-device ', ['VC Virtual Speaker']],
  ])('%s -> %j', (line, expected) => {
    const got = fishComplete(line);
    for (const word of expected) expect(got).toContain(word);
    expect(got).toHaveLength(expected.length);
  });
});

describe('completionList', () => {
  const sources = {
    profiles: () => ['work', 'home'],
    inputDevices: () => Promise.resolve(['Mic\nwith newline', '']),
    outputDevices: (): string[] => {
      throw new Error('no audio');
    },
  };
  it('one name per line, newlines inside names flattened, empty names dropped', async () => {
    expect(await completionList('profiles', sources)).toBe('work\nhome\n');
    expect(await completionList('input-devices', sources)).toBe('Mic with newline\n');
  });
  it('prints nothing when a list fails (never an error into the command line)', async () => {
    expect(await completionList('output-devices', sources)).toBe('');
  });
});
