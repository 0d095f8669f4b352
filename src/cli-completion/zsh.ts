import { assertNever } from '../core/assert-never.js';
import {
  commandPaths,
  identifier,
  shellQuote,
  type CommandSpec,
  type CompletionSpec,
  type ValueSource,
} from './spec.js';

function describe(name: string, description: string): string {
  return shellQuote(`${name.replace(/:/g, '\\:')}:${description}`);
}

function valueCode(value: ValueSource, spec: CompletionSpec): string {
  switch (value.kind) {
    case 'words':
      return `compadd -- ${value.words.map(shellQuote).join(' ')}`;
    case 'dynamic':
      return `local -a items; items=("\${(@f)$(${spec.program} ${spec.listCommand} ${value.list} 2>/dev/null)}"); compadd -- "\${items[@]}"`;
    case 'file':
      return '_files';
    case 'free':
    case 'none':
      return ':';
    default:
      return assertNever(value, 'value source');
  }
}

/** A native zsh completion function (`#compdef`), also working when sourced. Pure. */
export function zshScript(spec: CompletionSpec): string {
  const fn = `_${identifier(spec.program)}`;
  const all: [string[], CommandSpec][] = [[[], spec.root], ...commandPaths(spec.root)];
  const valueCases = new Map<string, string>();
  for (const [, command] of all) {
    for (const option of command.options) {
      if (option.value.kind === 'none') continue;
      for (const name of [`--${option.long}`, ...(option.short === undefined ? [] : [`-${option.short}`])]) {
        if (!valueCases.has(name)) valueCases.set(name, valueCode(option.value, spec));
      }
    }
  }
  const takesValue = [...valueCases.keys()].join('|');
  const lines = [
    `#compdef ${spec.program}`,
    `# ${spec.program} completion for zsh; load with: source <(${spec.program} completion zsh)`,
    `${fn}() {`,
    '  local cur="${words[CURRENT]}" prev="${words[CURRENT-1]}" cmdpath="" word i',
    '  for (( i = 2; i < CURRENT; i++ )); do',
    '    word="${words[i]}"',
    '    [[ "$word" == -* ]] && continue',
    `    case "\${words[i-1]}" in`,
    `      ${takesValue === '' ? '__none__' : takesValue}) continue ;;`,
    '    esac',
    '    case "$cmdpath:$word" in',
    ...commandPaths(spec.root).map(([path]) => {
      const parent = path.slice(0, -1).join(' ');
      return `      ${shellQuote(`${parent}:${path.at(-1) ?? ''}`)}) cmdpath="${path.join(' ')}" ;;`;
    }),
    '    esac',
    '  done',
    '  case "$prev" in',
    ...[...valueCases.entries()].map(([name, code]) => `    ${name}) ${code}; return ;;`),
    '  esac',
    '  local -a described',
    '  if [[ "$cur" == -* ]]; then',
    '    case "$cmdpath" in',
    ...all.map(([path, command]) => {
      const entries = command.options.flatMap((o) => [
        describe(`--${o.long}`, o.description),
        ...(o.short === undefined ? [] : [describe(`-${o.short}`, o.description)]),
      ]);
      return `      ${shellQuote(path.join(' '))}) described=(${entries.join(' ')}) ;;`;
    }),
    '    esac',
    "    _describe 'option' described",
    '    return',
    '  fi',
    '  case "$cmdpath" in',
    ...all.map(([path, command]) => {
      if (command.commands.length === 0) {
        return `    ${shellQuote(path.join(' '))}) ${command.args === undefined ? ':' : valueCode(command.args, spec)} ;;`;
      }
      const entries = command.commands.map((c) => describe(c.name, c.description)).join(' ');
      return `    ${shellQuote(path.join(' '))}) described=(${entries}); _describe 'command' described ;;`;
    }),
    '  esac',
    '}',
    `if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then ${fn} "$@"; else compdef ${fn} ${spec.program}; fi`,
    '',
  ];
  return lines.join('\n');
}
