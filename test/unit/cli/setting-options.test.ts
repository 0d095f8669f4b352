import { Command } from 'commander';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { addSettingOptions, settingsFromCommand, type SettingFlags } from '../../../src/cli/setting-options.js';
import type { SettingSpec, Settings } from '../../../src/config/setting-specs.js';
import { UsageError } from '../../../src/core/errors.js';

function parse(args: string[], specs?: Readonly<Record<string, SettingSpec>>): Record<string, unknown> {
  const command = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
  addSettingOptions(command, specs);
  command.parse(args, { from: 'user' });
  return specs === undefined ? settingsFromCommand(command) : settingsFromCommand(command, specs);
}

describe('flags derived from the settings table', () => {
  it('parses each kind into its type and keeps only what was typed', () => {
    expect(parse([])).toEqual({});
    expect(
      parse([
        '-p',
        'gemini',
        '--vad-threshold',
        '0.4',
        '--vad',
        'semantic',
        '--no-echo-cancellation',
        '--timeout',
        '9',
      ]),
    ).toEqual({ provider: 'gemini', vadThreshold: 0.4, vad: 'semantic', echoCancellation: 'off', timeoutSeconds: 9 });
    expect(parse(['--echo-cancellation', 'local', '--noise-suppression', 'local', '--audio-backend', 'pulse'])).toEqual(
      {
        echoCancellation: 'local',
        noiseSuppression: 'local',
        audioBackend: 'pulse',
      },
    );
    expect(() => parse(['--echo-cancellation', 'on'])).toThrow(
      '--echo-cancellation must be one of auto, local, server, off (got "on")',
    );
    expect(() => parse(['--audio-backend', 'alsa'])).toThrow('--audio-backend must be one of auto, portaudio, pulse');
  });

  it('refuses bad shapes by flag name, with the messages users already know', () => {
    expect(() => parse(['--speed', 'fast'])).toThrow(new UsageError('--speed expects a number (got "fast").'));
    expect(() => parse(['--vad', 'loud'])).toThrow('--vad must be one of server, semantic, manual (got "loud").');
    expect(() => parse(['--provider', 'nope'])).toThrow('Unknown provider "nope". Choose one of: openai,');
  });

  it('has no flag for a setting only files hold (the stored key)', () => {
    expect(() => parse(['--api-key', 'x'])).toThrow();
  });

  it('derives the types: Settings from the table, flags without file-only keys', () => {
    expectTypeOf<Settings['vad']>().toEqualTypeOf<'server' | 'semantic' | 'manual'>();
    expectTypeOf<Settings['speed']>().toEqualTypeOf<number>();
    expectTypeOf<Settings['echoCancellation']>().toEqualTypeOf<'auto' | 'local' | 'server' | 'off'>();
    expectTypeOf<Settings['audioBackend']>().toEqualTypeOf<'auto' | 'portaudio' | 'pulse'>();
    expectTypeOf<SettingFlags>().not.toHaveProperty('apiKey');
    expectTypeOf<SettingFlags>().toHaveProperty('provider');
  });
});

/** Settings that do not exist yet, to prove the table can express them; nothing here is added. */
const FUTURE: Readonly<Record<string, SettingSpec>> = {
  echoCancellation: {
    kind: 'enum',
    values: ['auto', 'local', 'server', 'off'],
    flag: {
      long: 'echo-cancellation',
      arg: 'mode',
      help: 'auto | local | server | off',
      negate: { help: 'same as --echo-cancellation off', value: 'off' },
    },
  },
  audioBackend: {
    kind: 'enum',
    values: ['auto', 'portaudio', 'pulse'],
    flag: { long: 'audio-backend', arg: 'name', help: 'auto | portaudio | pulse' },
  },
  proxy: { kind: 'url', flag: { long: 'proxy', arg: 'url', help: 'HTTP(S) proxy' } },
  maxCost: { kind: 'number', min: 0, max: 1000, flag: { long: 'max-cost', arg: 'usd', help: 'stop above this cost' } },
  beep: { kind: 'boolean', flag: { long: 'beep', help: 'beep when ready', negate: { help: 'never beep' } } },
  tool: { kind: 'list', flag: { long: 'tool', arg: 'name', help: 'offer this tool', repeatable: true } },
  mcpServers: { kind: 'object', inConfig: true },
};

describe('the table can express what is planned', () => {
  it('an enum with a --no- alias of one value', () => {
    expect(parse(['--echo-cancellation', 'local'], FUTURE)).toEqual({ echoCancellation: 'local' });
    expect(parse(['--no-echo-cancellation'], FUTURE)).toEqual({ echoCancellation: 'off' });
    expect(() => parse(['--echo-cancellation', 'loud'], FUTURE)).toThrow('--echo-cancellation must be one of auto');
  });

  it('numbers, URLs, both forms of a boolean, a repeatable flag, a file-only object', () => {
    expect(
      parse(
        ['--audio-backend', 'pulse', '--proxy', 'http://p:8080', '--max-cost', '2.5', '--tool', 'a', '--tool', 'b'],
        FUTURE,
      ),
    ).toEqual({ audioBackend: 'pulse', proxy: 'http://p:8080', maxCost: 2.5, tool: ['a', 'b'] });
    expect(parse(['--beep'], FUTURE)).toEqual({ beep: true });
    expect(parse(['--no-beep'], FUTURE)).toEqual({ beep: false });
    expect(parse([], FUTURE)).toEqual({});
    expect(() => parse(['--mcp-servers', '{}'], FUTURE)).toThrow();
  });
});
