import { describe, expect, it } from 'vitest';
import { parseConfigText, serializeConfig } from '../../../src/config/config-file.js';
import { ConfigError } from '../../../src/core/errors.js';
import { lineOfPath, locateJsonError } from '../../../src/config/json-locate.js';

const PATH = '/home/u/.config/voicechat/config.json';

function errorOf(text: string): ConfigError {
  try {
    parseConfigText(text, PATH);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('locateJsonError', () => {
  const cases: [string, string, number, number, string][] = [
    ['trailing comma', '{\n  "a": 1,\n}', 3, 1, 'trailing comma'],
    ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3, 'expected "," or "}"'],
    ['truncated', '{\n  "profiles": {\n    "w": {', 3, 11, 'ends too early'],
    ['bad literal', '{\n"a": tru}', 2, 6, 'unexpected'],
    ['unquoted key', '{\n  a: 1}', 2, 3, 'quoted'],
    ['unclosed string', '{\n  "a": "x\n}', 2, 10, 'not closed'],
    ['garbage after', '{}\nx', 2, 1, 'after the end'],
    ['array trailing comma', '[1,\n2,]', 2, 3, 'trailing comma'],
  ];
  it.each(cases)('%s', (_name, text, line, column, message) => {
    const problem = locateJsonError(text);
    expect(problem).toMatchObject({ line, column });
    expect(problem?.message).toContain(message);
    expect(() => {
      JSON.parse(text);
    }).toThrow();
  });

  it.each(['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\u0041\\n"]}', ' 1 '])('accepts %s', (text) => {
    expect(locateJsonError(text)).toBeUndefined();
  });

  it('finds the line of a property path', () => {
    const text = '{\n  "profiles": {\n    "work": {\n      "vad": "loud"\n    }\n  }\n}';
    expect(lineOfPath(text, ['profiles', 'work', 'vad'])).toBe(4);
    expect(lineOfPath(text, ['nope'])).toBeUndefined();
  });
});

describe('parseConfigText', () => {
  it('reads a good file', () => {
    const data = {
      defaultProfile: 'work',
      settings: { inputDevice: 'USB', vad: 'semantic' },
      profiles: {
        work: { provider: 'openai', apiKeyEnv: 'WORK_KEY', voice: 'cedar' },
        gw: { provider: 'gemini', gateway: { preset: 'truefoundry', url: 'https://cp.example.com', account: 'g' } },
      },
    } as const;
    expect(parseConfigText(serializeConfig(data), PATH)).toEqual(data);
  });

  it('treats an empty file as an empty config', () => {
    expect(parseConfigText('  \n', PATH)).toEqual({});
  });

  it('ignores conf bookkeeping', () => {
    expect(parseConfigText('{"__internal__": {"migrations": {}}}', PATH)).toEqual({});
  });

  const bad: [string, string, string[]][] = [
    [
      'syntax error: path, line and column',
      '{\n  "profiles": {\n    "work": {"provider": "openai",}\n  }\n}',
      [`${PATH} is not valid JSON: line 3, column 35`],
    ],
    ['top level not an object', '[1]', ['must be a JSON object']],
    [
      'unknown root key',
      '{\n  "profile": {}\n}',
      [`${PATH}:2`, 'profile is not a known key', 'defaultProfile, settings, profiles'],
    ],
    [
      'bad enum names field, allowed values and line',
      '{\n  "profiles": {\n    "work": {\n      "vad": "loud"\n    }\n  }\n}',
      [`${PATH}:4`, 'profiles.work.vad must be one of server, semantic, manual (got "loud")'],
    ],
    ['bad number', '{"settings": {"speed": 9}}', ['settings.speed must be a number from 0.25 to 1.5 (got 9)']],
    [
      'unknown setting',
      '{"profiles": {"w": {"colour": "red"}}}',
      ['profiles.w.colour is not a setting (known: provider'],
    ],
    [
      'apiKey not allowed in global settings',
      '{"settings": {"apiKey": "sk-nope-123456"}}',
      ['settings.apiKey is not a setting'],
    ],
    ['bad profile name', '{"profiles": {"a b": {}}}', ['is not a valid profile name']],
    ['profile not an object', '{"profiles": {"w": 3}}', ['profiles.w must be an object']],
    [
      'bad gateway',
      '{"profiles": {"w": {"gateway": {"preset": "kong", "url": "https://x"}}}}',
      ['profiles.w.gateway preset must be one of truefoundry, custom'],
    ],
    ['defaultProfile not a string', '{"defaultProfile": 3}', ['defaultProfile must be a profile name']],
  ];
  it.each(bad)('%s', (_name, text, parts) => {
    const error = errorOf(text);
    expect(error.exitCode).toBe(78);
    for (const part of parts) expect(error.message).toContain(part);
    expect(error.hint).toBeDefined();
  });

  it('never puts a stored key in an error', () => {
    const error = errorOf('{"profiles": {"w": {"apiKey": "sk-stored-secret-999", "vad": "x"}}}');
    expect(error.message).not.toContain('sk-stored-secret-999');
  });
});

describe('values an older version stored', () => {
  it('reads the boolean echoCancellation of an old profile as a mode (true -> auto, false -> off)', () => {
    const data = parseConfigText(
      JSON.stringify({
        settings: { echoCancellation: false },
        profiles: {
          vl: { provider: 'azure-voicelive', echoCancellation: true },
          quiet: { provider: 'azure-voicelive', echoCancellation: false },
          now: { provider: 'openai', echoCancellation: 'local', audioBackend: 'pulse', noiseSuppression: 'local' },
        },
      }),
      PATH,
    );
    expect(data.settings?.echoCancellation).toBe('off');
    expect(data.profiles?.['vl']?.echoCancellation).toBe('auto');
    expect(data.profiles?.['quiet']?.echoCancellation).toBe('off');
    expect(data.profiles?.['now']).toMatchObject({ echoCancellation: 'local', audioBackend: 'pulse' });
  });

  it('still refuses a value no version wrote', () => {
    expect(errorOf(JSON.stringify({ profiles: { vl: { echoCancellation: 'loud' } } })).message).toContain(
      'must be one of auto, local, server, off (got "loud")',
    );
  });
});
