import { assertNever } from '../core/assert-never.js';
import { commandPaths, shellQuote, type CommandSpec, type CompletionSpec, type ValueSource } from './spec.js';

/** fish `complete` flags for an option's value. */
function valueFlags(value: ValueSource, spec: CompletionSpec): string {
  switch (value.kind) {
    case 'none':
      return '';
    case 'words':
      return ` -x -a ${shellQuote(value.words.join(' '))}`;
    case 'dynamic':
      return ` -x -a ${shellQuote(`(${spec.program} ${spec.listCommand} ${value.list} 2>/dev/null)`)}`;
    case 'file':
      return ' -r -F';
    case 'free':
      return ' -x';
    default:
      return assertNever(value, 'value source');
  }
}

/** The fish condition "the command line is at `path`" (no deeper subcommand typed yet). */
function atPath(path: readonly string[], command: CommandSpec): string {
  const subs = command.commands.map((c) => c.name);
  if (path.length === 0) return '__fish_use_subcommand';
  const seen = path.map((p) => `__fish_seen_subcommand_from ${p}`).join('; and ');
  return subs.length === 0 ? seen : `${seen}; and not __fish_seen_subcommand_from ${subs.join(' ')}`;
}

/** A fish completion script. Pure. */
export function fishScript(spec: CompletionSpec): string {
  const p = spec.program;
  const lines = [`# ${p} completion for fish; load with: ${p} completion fish | source`, `complete -c ${p} -f`];
  const all: [string[], CommandSpec][] = [[[], spec.root], ...commandPaths(spec.root)];
  for (const [path, command] of all) {
    const condition = shellQuote(atPath(path, command));
    for (const sub of command.commands) {
      lines.push(`complete -c ${p} -n ${condition} -a ${shellQuote(sub.name)} -d ${shellQuote(sub.description)}`);
    }
    if (command.args !== undefined) lines.push(`complete -c ${p} -n ${condition}${valueFlags(command.args, spec)}`);
    for (const option of command.options) {
      const short = option.short === undefined ? '' : ` -s ${option.short}`;
      lines.push(
        `complete -c ${p} -n ${condition} -l ${option.long}${short}${valueFlags(option.value, spec)} -d ${shellQuote(option.description)}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
