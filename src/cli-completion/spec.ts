/** What a completion script knows about the CLI: commands, options, and where values come from. */

/** Lists that change between runs; the script asks the CLI for them while completing. */
export const DYNAMIC_LISTS = ['profiles', 'input-devices', 'output-devices'] as const;
export type DynamicList = (typeof DYNAMIC_LISTS)[number];

export type ValueSource =
  | { kind: 'none' }
  | { kind: 'words'; words: readonly string[] }
  | { kind: 'dynamic'; list: DynamicList }
  | { kind: 'file' }
  /** A free value (a URL, a number): nothing to offer. */
  | { kind: 'free' };

export interface OptionSpec {
  /** Without dashes: `provider`. */
  long: string;
  /** One letter without the dash: `p`. */
  short?: string | undefined;
  description: string;
  value: ValueSource;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: readonly OptionSpec[];
  /** Positional words the command takes (`completion bash|zsh|fish`). */
  args?: ValueSource | undefined;
  commands: readonly CommandSpec[];
}

export interface CompletionSpec {
  program: string;
  /** The root command: its options and subcommands. */
  root: CommandSpec;
  /** How the script asks for a dynamic list: `<program> <listCommand> <list>` prints one per line. */
  listCommand: string;
}

/** Every command path below the root, with its spec: `[['profile'], spec], [['profile','add'], spec]`. */
export function commandPaths(root: CommandSpec, prefix: readonly string[] = []): [string[], CommandSpec][] {
  return root.commands.flatMap((command) => {
    const path = [...prefix, command.name];
    return [[path, command] as [string[], CommandSpec], ...commandPaths(command, path)];
  });
}

/** Options that take a value, with their source, across all commands (for "complete the value" rules). */
export function valueOptions(command: CommandSpec): OptionSpec[] {
  return command.options.filter((option) => option.value.kind !== 'none');
}

/** Single-quoted for sh/zsh/fish: the only character to escape is the quote itself. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A safe function-name part from a program name (`voice-chat` -> `voice_chat`). */
export function identifier(program: string): string {
  return program.replace(/[^A-Za-z0-9_]/g, '_');
}
