import { Option, type Command } from 'commander';
import { assertNever } from '../core/assert-never.js';
import { UsageError } from '../core/errors.js';
import {
  SETTING_SPECS,
  type FlagSettingKey,
  type FlagSpec,
  type Settings,
  type SettingSpec,
} from '../config/setting-specs.js';

/** A spec table: the real one, or (in tests) one with settings that do not exist yet. */
type SpecTable = Readonly<Record<string, SettingSpec>>;

/** Settings as typed on the command line, parsed and shape-checked. Derived from the spec table. */
export type SettingFlags = Partial<Pick<Settings, FlagSettingKey>>;

interface SettingOption {
  key: string;
  spec: SettingSpec;
  flag: FlagSpec;
  /** Commander's names, one per option (`--x <v>` and `--no-x` share one attribute). */
  attribute: string;
  options: Option[];
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function optionsFor(spec: SettingSpec, flag: FlagSpec): Option[] {
  const short = flag.short === undefined ? '' : `-${flag.short}, `;
  const out: Option[] = [];
  if (flag.negateOnly !== true) {
    const arg = spec.kind === 'boolean' || flag.arg === undefined ? '' : ` <${flag.arg}>`;
    const option = new Option(`${short}--${flag.long}${arg}`, flag.help);
    if (flag.repeatable === true) option.argParser(collect);
    out.push(option);
  }
  if (flag.negate !== undefined) out.push(new Option(`--no-${flag.long}`, flag.negate.help));
  return out;
}

/** One commander option (or pair) per setting that has a flag, in table order. */
export function settingOptions(specs: SpecTable = SETTING_SPECS): SettingOption[] {
  return Object.entries(specs).flatMap(([key, spec]) => {
    const flag = spec.flag;
    if (flag === undefined) return [];
    const options = optionsFor(spec, flag);
    const attribute = options[0]?.attributeName() ?? key;
    return [{ key, spec, flag, attribute, options }];
  });
}

/** Adds the setting options to a command (the main command and `profile add` share them). */
export function addSettingOptions(command: Command, specs: SpecTable = SETTING_SPECS): Command {
  for (const setting of settingOptions(specs)) for (const option of setting.options) command.addOption(option);
  return command;
}

/** True when the user typed the option (on this command or a parent), not a default. */
export function typedOnCli(command: Command, attribute: string): boolean {
  for (let c: Command | null = command; c !== null; c = c.parent) {
    if (c.getOptionValueSource(attribute) === 'cli') return true;
  }
  return false;
}

function optionValue(command: Command, attribute: string): unknown {
  for (let c: Command | null = command; c !== null; c = c.parent) {
    if (c.getOptionValueSource(attribute) === 'cli') return c.getOptionValue(attribute);
  }
  return undefined;
}

/** A typed flag value in the setting's type; shape errors name the flag. Pure. */
export function settingFromFlag(spec: SettingSpec, flag: FlagSpec, raw: unknown): unknown {
  const name = `--${flag.long}`;
  if (raw === false && flag.negate?.value !== undefined) return settingFromFlag(spec, flag, flag.negate.value);
  switch (spec.kind) {
    case 'boolean':
      return raw === true;
    case 'number': {
      const text = String(raw);
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) {
        throw new UsageError(`${name} expects a number (got "${text}").`);
      }
      return value;
    }
    case 'enum': {
      const text = String(raw);
      if (spec.values.includes(text)) return text;
      if (spec.noun !== undefined) {
        throw new UsageError(`Unknown ${spec.noun} "${text}". Choose one of: ${spec.values.join(', ')}.`);
      }
      throw new UsageError(`${name} must be one of ${spec.values.join(', ')} (got "${text}").`);
    }
    case 'list':
      return Array.isArray(raw) ? raw.map(String) : [String(raw)];
    case 'object':
      throw new Error(`--${flag.long}: an object setting cannot have a flag.`);
    case 'string':
    case 'env-name':
    case 'url':
      return String(raw);
    default:
      return assertNever(spec, 'setting kind');
  }
}

/**
 * The settings the user typed on the command line, parsed into their types. Only typed values
 * count: commander's implied default of a `--no-x` option is not a setting.
 */
export function settingsFromCommand(command: Command): SettingFlags;
export function settingsFromCommand(command: Command, specs: SpecTable): Record<string, unknown>;
export function settingsFromCommand(command: Command, specs: SpecTable = SETTING_SPECS): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, spec, flag, attribute } of settingOptions(specs)) {
    const raw = optionValue(command, attribute);
    if (raw !== undefined) out[key] = settingFromFlag(spec, flag, raw);
  }
  return out;
}
