import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vc-completion-'));
const env = { VOICECHAT_CONFIG_DIR: join(dir, 'cfg') };
const scripts: Record<string, string> = {};

beforeAll(async () => {
  for (const shell of ['bash', 'zsh', 'fish']) {
    const result = await runCli(['completion', shell]);
    expect(result.code).toBe(0);
    scripts[shell] = join(dir, `voicechat.${shell}`);
    writeFileSync(scripts[shell], result.stdout);
  }
  const added = await runCli(['profile', 'add', 'work-e2e', '--provider', 'openai', '--api-key-env', 'MY_KEY'], {
    env,
  });
  expect(added.code).toBe(0);
}, 60_000);

/** The completion function calls the real built CLI for profile and device names. */
const cli = `voicechat() { VOICECHAT_CONFIG_DIR='${env.VOICECHAT_CONFIG_DIR}' node '${BIN}' "$@"; }`;

function bashComplete(words: string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const out = execFileSync(
    'bash',
    [
      '-c',
      `${cli}; source '${scripts['bash']}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _voicechat_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { encoding: 'utf8' },
  );
  return out.split('\n').filter((l) => l !== '');
}

describe('voicechat completion through the built CLI (issue #16 item 3)', () => {
  it('each script parses in its shell', () => {
    execFileSync('bash', ['-n', scripts['bash']!]);
    execFileSync('zsh', ['-n', scripts['zsh']!]);
    execFileSync('fish', ['--no-execute', scripts['fish']!]);
  });

  it.each([
    [['voicechat', 'compl'], ['completion']],
    [
      ['voicechat', '--provider', ''],
      ['openai', 'gemini', 'azure-openai', 'azure-voicelive', 'vertex'],
    ],
    [['voicechat', '--max-c'], ['--max-cost']],
    [['voicechat', '--prox'], ['--proxy']],
    [['voicechat', '--profile', 'work'], ['work-e2e']],
    [
      ['voicechat', 'completion', ''],
      ['bash', 'zsh', 'fish'],
    ],
  ])('bash: %j -> %j', (words, expected) => {
    expect(bashComplete(words).sort()).toEqual([...expected].sort());
  });

  it('fish completes profile names from the real config', () => {
    const out = execFileSync(
      'fish',
      [
        '-c',
        `function voicechat; env VOICECHAT_CONFIG_DIR='${env.VOICECHAT_CONFIG_DIR}' node '${BIN}' $argv; end; source '${scripts['fish']}'; complete -C 'voicechat --profile w'`,
      ],
      { encoding: 'utf8' },
    );
    expect(out.split('\n').map((l) => l.split('\t')[0])).toContain('work-e2e');
  });

  it('--list prints one name a line; an unknown shell is a usage error', async () => {
    expect((await runCli(['completion', '--list', 'profiles'], { env })).stdout).toBe('work-e2e\n');
    const bad = await runCli(['completion', 'powershell']);
    expect(bad.code).toBe(64);
  });
});
