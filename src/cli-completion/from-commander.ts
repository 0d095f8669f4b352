import type { Command, Option } from 'commander';
import type { CommandSpec, OptionSpec, ValueSource } from './spec.js';

/** How to complete an option's value when commander knows no choices: by long name. */
export type ValueHints = Readonly<Record<string, ValueSource>>;

function optionSpec(option: Option, hints: ValueHints): OptionSpec | undefined {
  const long = option.long?.replace(/^--/, '');
  if (long === undefined || option.hidden) return undefined;
  const takesValue = option.required || option.optional;
  const choices = option.argChoices;
  const value: ValueSource = !takesValue
    ? { kind: 'none' }
    : choices !== undefined && choices.length > 0
      ? { kind: 'words', words: choices }
      : (hints[long] ?? { kind: 'free' });
  return { long, short: option.short?.replace(/^-/, ''), description: option.description, value };
}

/**
 * The completion spec of a commander program, so the scripts follow the real flags (including
 * those derived from the settings table) without a second list to keep in sync. `--help` and
 * `--version` come along; hidden options and commands do not.
 */
export function specFromCommander(command: Command, hints: ValueHints, argHints: ValueHints = {}): CommandSpec {
  const options = command.options.flatMap((o) => optionSpec(o, hints) ?? []);
  const args = command.registeredArguments[0];
  const argChoices = args?.argChoices;
  const argSource: ValueSource | undefined =
    argChoices !== undefined && argChoices.length > 0 ? { kind: 'words', words: argChoices } : argHints[command.name()];
  return {
    name: command.name(),
    description: command.description(),
    options,
    args: argSource,
    commands: command.commands
      .filter((c) => !(c as Command & { _hidden?: boolean })._hidden)
      .map((c) => specFromCommander(c, hints, argHints)),
  };
}
