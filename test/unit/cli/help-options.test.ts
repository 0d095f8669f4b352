import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../src/cli/program.js';
import { flagOf, SETTING_KEYS } from '../../../src/config/setting-specs.js';
import { helpEntries } from '../../support/help-entries.js';

/** The option entries of a help text: the term and its (wrapped) description, whitespace folded. */

function helpOf(args: string[]): string {
  const program = buildProgram(() => undefined);
  let command: Command = program;
  for (const name of args) command = command.commands.find((c) => c.name() === name)!;
  // the same width for both, as a terminal would give them
  command.configureHelp({ helpWidth: 100 });
  return command.helpInformation();
}

describe('voicechat --help and voicechat profile add --help', () => {
  const main = helpEntries(helpOf([]));
  const add = helpEntries(helpOf(['profile', 'add']));

  it('list every setting that has a flag, on both commands', () => {
    const terms = (entries: Map<string, string>): string[] => [...entries.keys()];
    for (const key of SETTING_KEYS) {
      const flag = flagOf(key);
      if (flag === undefined) continue;
      const long = flag.negateOnly === true ? `--no-${flag.long}` : `--${flag.long}`;
      expect(
        terms(main).some((t) => t.includes(long)),
        `${long} in voicechat --help`,
      ).toBe(true);
      expect(
        terms(add).some((t) => t.includes(long)),
        `${long} in profile add --help`,
      ).toBe(true);
    }
  });

  it('reads whole entries, wrapped descriptions included', () => {
    expect(main.get('--api-version <version>')).toBe(
      'API version (Azure preview / Voice Live, Gemini v1beta|v1alpha|v1)',
    );
    expect(add.get('--no-echo-cancellation')).toBe('no echo cancellation (= --echo-cancellation off)');
    expect(main.get('--audio-backend <name>')).toBe('auto | portaudio | pulse (PulseAudio/PipeWire tools)');
  });

  it('print identical text for every shared option', () => {
    const shared = [...main.keys()].filter((term) => add.has(term));
    // every setting flag, and nothing is silently dropped by the parser above
    expect(shared.length).toBeGreaterThanOrEqual(SETTING_KEYS.filter((k) => flagOf(k) !== undefined).length);
    for (const term of shared) expect(add.get(term), term).toBe(main.get(term));
    // an option spelled differently would not be "shared": compare by long name too
    const byLong = (entries: Map<string, string>): Map<string, string> =>
      new Map([...entries].map(([term, text]) => [/--[a-z-]+/.exec(term)?.[0] ?? term, `${term} ${text}`]));
    const mainByLong = byLong(main);
    for (const [long, text] of byLong(add)) {
      if (mainByLong.has(long)) expect(text, long).toBe(mainByLong.get(long));
    }
  });
});
