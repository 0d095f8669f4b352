import { assertNever } from '../core/assert-never.js';
import {
  commandPaths,
  identifier,
  shellQuote,
  type CommandSpec,
  type CompletionSpec,
  type ValueSource,
} from './spec.js';

function optionWords(command: CommandSpec): string {
  return command.options.flatMap((o) => [`--${o.long}`, ...(o.short === undefined ? [] : [`-${o.short}`])]).join(' ');
}

/** The shell code that fills COMPREPLY for a value source (cur = the word being completed). */
function valueCode(fn: string, value: ValueSource, spec: CompletionSpec): string {
  switch (value.kind) {
    case 'words':
      return `COMPREPLY=( $(compgen -W ${shellQuote(value.words.join(' '))} -- "$cur") )`;
    case 'dynamic':
      return `${fn}_lines "$(${spec.program} ${spec.listCommand} ${value.list} 2>/dev/null)"`;
    case 'file':
      return `COMPREPLY=( $(compgen -f -- "$cur") )`;
    case 'free':
    case 'none':
      return 'COMPREPLY=()';
    default:
      return assertNever(value, 'value source');
  }
}

/**
 * A bash completion script (also usable from zsh's bashcompinit). Pure: the same spec gives
 * the same text. Dynamic lists (profiles, devices) are asked from the CLI while completing, one
 * per line, so names with spaces complete as one word.
 */
export function bashScript(spec: CompletionSpec): string {
  const fn = `_${identifier(spec.program)}_complete`;
  const paths = commandPaths(spec.root);
  const all: [string[], CommandSpec][] = [[[], spec.root], ...paths];
  const valueCases = new Map<string, string>();
  for (const [, command] of all) {
    for (const option of command.options) {
      if (option.value.kind === 'none') continue;
      const names = [`--${option.long}`, ...(option.short === undefined ? [] : [`-${option.short}`])];
      for (const name of names) if (!valueCases.has(name)) valueCases.set(name, valueCode(fn, option.value, spec));
    }
  }
  const takesValue = [...valueCases.keys()].join('|');
  const lines: string[] = [
    `# ${spec.program} completion for bash; load with: source <(${spec.program} completion bash)`,
    `${fn}_lines() {`,
    '  local line',
    '  COMPREPLY=()',
    '  while IFS= read -r line; do',
    '    [[ -n "$line" && "$line" == "$cur"* ]] && COMPREPLY+=("$(printf %q "$line")")',
    `  done <<< "$1"`,
    '}',
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev=""',
    '  (( COMP_CWORD > 0 )) && prev="${COMP_WORDS[COMP_CWORD-1]}"',
    '  local cmdpath="" word i',
    '  for (( i = 1; i < COMP_CWORD; i++ )); do',
    '    word="${COMP_WORDS[i]}"',
    '    case "$word" in',
    '      -*) continue ;;',
    '    esac',
    `    case "\${COMP_WORDS[i-1]}" in`,
    `      ${takesValue === '' ? '__none__' : takesValue}) continue ;;`,
    '    esac',
    '    case "$cmdpath:$word" in',
    ...paths.map(([path]) => {
      const parent = path.slice(0, -1).join(' ');
      return `      ${shellQuote(`${parent}:${path.at(-1) ?? ''}`)}) cmdpath="${path.join(' ')}" ;;`;
    }),
    '    esac',
    '  done',
    '  case "$prev" in',
    ...[...valueCases.entries()].map(([name, code]) => `    ${name}) ${code}; return 0 ;;`),
    '  esac',
    '  if [[ "$cur" == -* ]]; then',
    '    case "$cmdpath" in',
    ...all.map(
      ([path, command]) =>
        `      ${shellQuote(path.join(' '))}) COMPREPLY=( $(compgen -W ${shellQuote(optionWords(command))} -- "$cur") ) ;;`,
    ),
    '    esac',
    '    return 0',
    '  fi',
    '  case "$cmdpath" in',
    ...all.map(([path, command]) => {
      const words = command.commands.map((c) => c.name).join(' ');
      const args = command.args === undefined ? '' : `; ${valueCode(fn, command.args, spec)}`;
      const sub = words === '' ? 'COMPREPLY=()' : `COMPREPLY=( $(compgen -W ${shellQuote(words)} -- "$cur") )`;
      return `    ${shellQuote(path.join(' '))}) ${command.args !== undefined && words === '' ? args.slice(2) : sub} ;;`;
    }),
    '  esac',
    '  return 0',
    '}',
    `complete -F ${fn} ${spec.program}`,
    '',
  ];
  return lines.join('\n');
}
