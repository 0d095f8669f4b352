import { assertNever } from '../core/assert-never.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import type { CompletionSpec, DynamicList } from './spec.js';
import { zshScript } from './zsh.js';

export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** The script `voicechat completion <shell>` prints. Pure. */
export function completionScript(shell: CompletionShell, spec: CompletionSpec): string {
  switch (shell) {
    case 'bash':
      return bashScript(spec);
    case 'zsh':
      return zshScript(spec);
    case 'fish':
      return fishScript(spec);
    default:
      return assertNever(shell, 'shell');
  }
}

export interface ListSources {
  profiles: () => Promise<readonly string[]> | readonly string[];
  inputDevices: () => Promise<readonly string[]> | readonly string[];
  outputDevices: () => Promise<readonly string[]> | readonly string[];
}

/**
 * What `voicechat completion --list <list>` prints: one name per line, nothing on failure
 * (completion must never print an error into the user's command line).
 */
export async function completionList(list: DynamicList, sources: ListSources): Promise<string> {
  let names: readonly string[];
  try {
    switch (list) {
      case 'profiles':
        names = await sources.profiles();
        break;
      case 'input-devices':
        names = await sources.inputDevices();
        break;
      case 'output-devices':
        names = await sources.outputDevices();
        break;
      default:
        return assertNever(list, 'list');
    }
  } catch {
    return '';
  }
  const clean = names.map((n) => n.replace(/[\r\n]+/g, ' ').trim()).filter((n) => n !== '');
  return clean.length === 0 ? '' : `${clean.join('\n')}\n`;
}
