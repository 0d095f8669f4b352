import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturedOutput, runCli } from '../support/run-cli.js';

const KEYS = ['sk-profile-test-ENVKEY-4242'];

function freshEnv(): { file: string; env: Record<string, string> } {
  const dir = join(mkdtempSync(join(tmpdir(), 'vc-profile-')), 'cfg');
  return { file: join(dir, 'config.json'), env: { VOICECHAT_CONFIG_DIR: dir } };
}

afterAll(() => {
  const all = capturedOutput.join('\n');
  for (const key of KEYS) expect(all).not.toContain(key);
});

describe('voicechat profile', () => {
  it('add, list (default marked), use, show, set, remove', async () => {
    const { env, file } = freshEnv();
    const add = await runCli(
      [
        'profile',
        'add',
        'work',
        '--provider',
        'openai',
        '--model',
        'gpt-realtime-mini',
        '--voice',
        'cedar',
        '--api-key-env',
        'WORK_KEY',
        '--vad',
        'semantic',
        '--eagerness',
        'low',
        '--input-device',
        'USB',
        '--instructions',
        'Be brief.',
      ],
      { env },
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain(`Saved profile "work" (openai) in ${file}`);
    await runCli(['profile', 'add', 'home', '--provider', 'openai', '--api-key-command', 'cat /dev/null'], { env });

    const use = await runCli(['profile', 'use', 'work'], { env });
    expect(use.code).toBe(0);
    const list = await runCli(['profile', 'list'], { env });
    expect(list.stdout).toMatch(/^\s+home\s+openai/m);
    expect(list.stdout).toMatch(/^\*\s+work\s+openai\s+gpt-realtime-mini/m);
    const listJson = JSON.parse((await runCli(['profile', 'list', '--json'], { env })).stdout) as {
      default: string;
      profiles: { name: string; default: boolean }[];
    };
    expect(listJson.default).toBe('work');
    expect(listJson.profiles.map((p) => [p.name, p.default])).toEqual([
      ['home', false],
      ['work', true],
    ]);

    const show = await runCli(['profile', 'show', 'work'], {
      env: { ...env, WORK_KEY: KEYS[0]!, VOICECHAT_MODEL: 'from-env' },
    });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('profile: work (default)');
    expect(show.stdout).toContain('key: from $WORK_KEY (set)');
    expect(show.stdout).toMatch(/voice\s+"cedar"\s+<- profile \(work\)/);
    expect(show.stdout).toMatch(/model\s+"from-env"\s+<- env \(VOICECHAT_MODEL\)/);
    expect(show.stdout).toMatch(/vad\s+"semantic"\s+<- profile \(work\)/);
    expect(show.stdout).toMatch(/timeoutSeconds\s+15\s+<- default/);

    const set = await runCli(['profile', 'set', 'work', 'voice=marin', 'input-device=', 'speed=1.2'], { env });
    expect(set.code).toBe(0);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Record<string, Record<string, unknown>> };
    expect(stored.profiles['work']).toMatchObject({ voice: 'marin', speed: 1.2 });
    expect(stored.profiles['work']!['inputDevice']).toBeUndefined();

    const remove = await runCli(['profile', 'remove', 'work'], { env });
    expect(remove.code).toBe(0);
    const after = JSON.parse(readFileSync(file, 'utf8')) as {
      defaultProfile?: string;
      profiles: Record<string, unknown>;
    };
    expect(Object.keys(after.profiles)).toEqual(['home']);
    expect(after.defaultProfile).toBeUndefined();
  });

  it('refuses bad input with the right exit code and names the field', async () => {
    const { env, file } = freshEnv();
    const noProvider = await runCli(['profile', 'add', 'x'], { env });
    expect(noProvider.code).toBe(64);
    expect(noProvider.stderr).toContain('needs --provider');
    const badName = await runCli(['profile', 'add', 'a/b', '--provider', 'openai'], { env });
    expect(badName.code).toBe(64);
    const range = await runCli(['profile', 'add', 'x', '--provider', 'openai', '--speed', '9'], { env });
    expect(range.code).toBe(78);
    expect(range.stderr).toContain('--speed must be a number from 0.25 to 1.5 (got 9)');
    expect(range.stderr).toContain(file);
    const refused = await runCli(['profile', 'add', 'x', '--provider', 'openai', '--temperature', '0.5'], { env });
    expect(refused.code).toBe(78);
    expect(refused.stderr).toContain(`Profile "x" in ${file}`);
    const wrongKey = await runCli(['profile', 'add', 'x', '--provider', 'openai', '--project', 'p'], { env });
    expect(wrongKey.code).toBe(78);
    expect(wrongKey.stderr).toContain('project applies to vertex only');

    await runCli(['profile', 'add', 'x', '--provider', 'openai'], { env });
    const dup = await runCli(['profile', 'add', 'x', '--provider', 'openai'], { env });
    expect(dup.code).toBe(78);
    expect(dup.stderr).toContain('already exists');
    expect(
      (await runCli(['profile', 'add', 'x', '--provider', 'openai', '--voice', 'ash', '--force'], { env })).code,
    ).toBe(0);
    const badSet = await runCli(['profile', 'set', 'x', 'vad=loud'], { env });
    expect(badSet.code).toBe(78);
    expect(badSet.stderr).toContain(
      `Cannot set vad in profile "x" (${file}): vad must be one of server, semantic, manual (got "loud")`,
    );
    const missing = await runCli(['profile', 'use', 'nope'], { env });
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('Existing profiles: x.');
    for (const args of [
      ['profile', 'show', 'nope'],
      ['profile', 'remove', 'nope'],
      ['profile', 'set', 'nope', 'voice=ash'],
    ]) {
      expect((await runCli(args, { env })).code).toBe(78);
    }
  });

  it('warns about a voice the provider does not list', async () => {
    const { env } = freshEnv();
    const add = await runCli(['profile', 'add', 'x', '--provider', 'openai', '--voice', 'nosuchvoice'], { env });
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('"nosuchvoice" is not a voice known for OpenAI Realtime');
  });
});

describe('gateway presets', () => {
  it('truefoundry fills the endpoint and bearer auth for the provider, and follows a provider change', async () => {
    const { env } = freshEnv();
    const add = await runCli(
      [
        'profile',
        'add',
        'tf',
        '--provider',
        'openai',
        '--gateway',
        'truefoundry',
        '--gateway-url',
        'https://cp.example.com',
        '--gateway-account',
        'openai-main',
        '--api-key-env',
        'TFY_API_KEY',
      ],
      { env },
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('via https://cp.example.com/live/openai-main');
    const show = await runCli(['profile', 'show', 'tf', '--json'], { env });
    const parsed = JSON.parse(show.stdout) as {
      settings: { key: string; value: unknown; detail?: string }[];
      gateway: { preset: string };
    };
    expect(parsed.gateway.preset).toBe('truefoundry');
    expect(parsed.settings.find((r) => r.key === 'endpoint')).toMatchObject({
      value: 'https://cp.example.com/live/openai-main',
      detail: 'tf, gateway truefoundry (openai-main)',
    });
    expect(parsed.settings.find((r) => r.key === 'authStyle')).toMatchObject({ value: 'bearer' });

    const set = await runCli(['profile', 'set', 'tf', 'provider=gemini'], { env });
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('https://cp.example.com/api/llm/live/openai-main');
  });

  it('custom takes a base URL and an auth style', async () => {
    const { env } = freshEnv();
    const add = await runCli(
      [
        'profile',
        'add',
        'gw',
        '--provider',
        'gemini',
        '--gateway',
        'custom',
        '--gateway-url',
        'https://gw.example.com/v1',
        '--auth-style',
        'query',
      ],
      { env },
    );
    expect(add.code).toBe(0);
    const explain = await runCli(['--profile', 'gw', '--explain'], { env });
    expect(explain.stdout).toMatch(/endpoint\s+"https:\/\/gw.example.com\/v1"\s+<- profile \(gw, gateway custom\)/);
    expect(explain.stdout).toMatch(/authStyle\s+"query"/);
  });

  it('refuses incomplete gateway flags', async () => {
    const { env } = freshEnv();
    const result = await runCli(
      [
        'profile',
        'add',
        'tf',
        '--provider',
        'openai',
        '--gateway',
        'truefoundry',
        '--gateway-url',
        'https://cp.example.com',
      ],
      { env },
    );
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('--gateway-account');
  });
});
