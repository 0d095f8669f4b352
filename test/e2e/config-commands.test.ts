import { mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { capturedOutput, runCli } from '../support/run-cli.js';

const KEYS = ['sk-cfg-test-STOREDKEY-5150'];

function freshDir(): { dir: string; file: string; env: Record<string, string> } {
  const dir = join(mkdtempSync(join(tmpdir(), 'vc-config-')), 'cfg');
  return { dir, file: join(dir, 'config.json'), env: { VOICECHAT_CONFIG_DIR: dir } };
}

afterAll(() => {
  const all = capturedOutput.join('\n');
  for (const key of KEYS) expect(all).not.toContain(key);
});

describe('voicechat config', () => {
  it('path prints the file under VOICECHAT_CONFIG_DIR', async () => {
    const { file, env } = freshDir();
    const result = await runCli(['config', 'path'], { env });
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(file);
  });

  it('set creates the file with mode 0600 in a 0700 directory; get reads it back', async () => {
    const { dir, file, env } = freshDir();
    const set = await runCli(['config', 'set', 'inputDevice=USB Mic', 'vad=semantic', 'timeout=30'], { env });
    expect(set.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect((await runCli(['config', 'get', 'inputDevice'], { env })).stdout).toBe('USB Mic\n');
    expect((await runCli(['config', 'get', 'timeoutSeconds'], { env })).stdout).toBe('30\n');
    const all = await runCli(['config', 'get', '--json'], { env });
    expect(JSON.parse(all.stdout)).toMatchObject({
      file,
      settings: { inputDevice: 'USB Mic', vad: 'semantic', timeoutSeconds: 30 },
    });
    const removed = await runCli(['config', 'set', 'inputDevice='], { env });
    expect(removed.code).toBe(0);
    expect((await runCli(['config', 'get', 'inputDevice'], { env })).code).toBe(1);
  });

  it('global settings sit below profiles and are explained', async () => {
    const { env } = freshDir();
    await runCli(['config', 'set', 'voice=ash', 'outputDevice=Speakers'], { env });
    await runCli(['profile', 'add', 'w', '--provider', 'openai', '--voice', 'cedar'], { env });
    const result = await runCli(['--profile', 'w', '--explain', '--json'], { env });
    const rows = (JSON.parse(result.stdout) as { settings: { key: string; value: unknown; origin: string }[] })
      .settings;
    expect(rows.find((r) => r.key === 'voice')).toMatchObject({ value: 'cedar', origin: 'profile' });
    expect(rows.find((r) => r.key === 'outputDevice')).toMatchObject({ value: 'Speakers', origin: 'config' });
  });

  it('a bad value names the field, the allowed values and the file; exit 78, nothing written', async () => {
    const { file, env } = freshDir();
    const result = await runCli(['config', 'set', 'vad=loud'], { env });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('vad must be one of server, semantic, manual (got "loud")');
    expect(result.stderr).toContain(file);
    expect(existsSync(file)).toBe(false);
    const unknown = await runCli(['config', 'set', 'colour=red'], { env });
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('Unknown setting "colour"');
  });

  it('keeps a backup of the previous file before every rewrite', async () => {
    const { file, env } = freshDir();
    await runCli(['config', 'set', 'voice=ash'], { env });
    const first = readFileSync(file, 'utf8');
    await runCli(['config', 'set', 'voice=cedar'], { env });
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(first);
    expect(statSync(`${file}.bak`).mode & 0o777).toBe(0o600);
  });
});

describe('a corrupt or hand-broken config file', () => {
  const broken = '{\n  "profiles": {\n    "work": { "provider": "openai", }\n  }\n}\n';

  it('is reported with its path and line, and never overwritten or lost', async () => {
    const { dir, file, env } = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, broken);
    for (const args of [
      ['config', 'set', 'voice=ash'],
      ['profile', 'add', 'x', '--provider', 'openai'],
      ['profile', 'use', 'work'],
      ['profile', 'remove', 'work'],
      ['profile', 'list'],
      ['--text', 'hi'],
    ]) {
      const result = await runCli(args, { env: { ...env, OPENAI_API_KEY: 'sk-unused-0000000' } });
      expect(result.code, args.join(' ')).toBe(78);
      expect(result.stderr).toContain(`${file} is not valid JSON: line 3`);
      expect(readFileSync(file, 'utf8')).toBe(broken);
    }
    expect(existsSync(`${file}.bak`)).toBe(false);
  });

  it('a hand-edited bad value names the file, line, field and allowed values', async () => {
    const { dir, file, env } = freshDir();
    mkdirSync(dir, { recursive: true });
    const text = '{\n  "profiles": {\n    "work": {\n      "provider": "openai",\n      "vad": "loud"\n    }\n  }\n}\n';
    writeFileSync(file, text);
    const result = await runCli(['--profile', 'work', '--text', 'hi'], { env });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(`${file}:5`);
    expect(result.stderr).toContain('profiles.work.vad must be one of server, semantic, manual (got "loud")');
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a profile that its provider refuses names the profile and the file', async () => {
    const { dir, file, env } = freshDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify({ profiles: { work: { provider: 'openai', temperature: 0.5 } } }));
    const result = await runCli(['--profile', 'work', '--text', 'hi'], {
      env: { ...env, OPENAI_API_KEY: 'sk-unused-0000000' },
    });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(`Profile "work" in ${file}`);
    expect(result.stderr).toContain('temperature');
  });
});

describe('--profile NAME', () => {
  it('a missing profile is exit 78 listing the existing ones', async () => {
    const { env } = freshDir();
    await runCli(['profile', 'add', 'home', '--provider', 'openai'], { env });
    await runCli(['profile', 'add', 'work', '--provider', 'openai'], { env });
    const result = await runCli(['--profile', 'nope', '--text', 'hi'], { env });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('No profile named "nope"');
    expect(result.stderr).toContain('Existing profiles: home, work.');
  });

  it('stored keys never show in list, show, --json or --explain', async () => {
    const { env, file } = freshDir();
    const add = await runCli(
      ['profile', 'add', 'stored', '--provider', 'openai', '--endpoint', 'http://127.0.0.1:1/v1', '--store-key'],
      { env, stdin: `${KEYS[0]}\n` },
    );
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('warning: the key is stored in clear text');
    expect(readFileSync(file, 'utf8')).toContain(KEYS[0]);
    for (const args of [
      ['profile', 'list', '--json'],
      ['profile', 'show', 'stored'],
      ['profile', 'show', 'stored', '--json'],
      ['--profile', 'stored', '--explain'],
      ['--profile', 'stored', '--explain', '--json'],
      ['config', 'get', '--json'],
      ['doctor', '--skip-audio', '--json', '--timeout', '1'],
    ]) {
      const result = await runCli(args, { env });
      expect(result.stdout + result.stderr, args.join(' ')).not.toContain(KEYS[0]);
    }
    const show = await runCli(['profile', 'show', 'stored'], { env });
    expect(show.stdout).toContain('stored in the profile');
  });
});
