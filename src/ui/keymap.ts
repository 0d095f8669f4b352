/** The single place that defines keys. */
export type Intent =
  | 'quit'
  | 'toggle-mute'
  | 'push-to-talk'
  | 'start-typing'
  | 'toggle-help'
  | 'interrupt'
  | 'tool-yes'
  | 'tool-always'
  | 'tool-no';

export interface KeyBinding {
  keys: readonly string[];
  label: string;
  intent: Intent;
  description: string;
  /** Active only while a tool call waits for confirmation; `hint` is its word on the confirmation line. */
  whileConfirming?: boolean;
  hint?: string;
}

export const KEYMAP: readonly KeyBinding[] = [
  {
    keys: ['space'],
    label: 'space',
    intent: 'push-to-talk',
    description: 'push-to-talk: start / stop and send (--vad manual)',
  },
  { keys: ['m'], label: 'm', intent: 'toggle-mute', description: 'mute / unmute the microphone' },
  {
    keys: ['t', '/'],
    label: 't or /',
    intent: 'start-typing',
    description: 'type a message (Enter sends, Esc cancels)',
  },
  { keys: ['s'], label: 's', intent: 'interrupt', description: 'stop the assistant talking' },
  {
    keys: ['y'],
    label: 'y',
    intent: 'tool-yes',
    description: 'tool call: run it this once',
    whileConfirming: true,
    hint: 'yes',
  },
  {
    keys: ['a'],
    label: 'a',
    intent: 'tool-always',
    description: 'tool call: run it, and this tool without asking for the rest of the session',
    whileConfirming: true,
    hint: 'always',
  },
  {
    keys: ['n'],
    label: 'n',
    intent: 'tool-no',
    description: 'tool call: refuse it',
    whileConfirming: true,
    hint: 'no',
  },
  { keys: ['?'], label: '?', intent: 'toggle-help', description: 'show / hide this help' },
  { keys: ['q', 'ctrl+c'], label: 'q, Ctrl+C', intent: 'quit', description: 'quit' },
];

/** The subset of Ink's key info we read. */
export interface KeyInfo {
  ctrl: boolean;
  meta: boolean;
  return: boolean;
  escape: boolean;
  backspace: boolean;
  delete: boolean;
}

export function keyName(input: string, key: KeyInfo): string {
  if (key.ctrl) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/** Maps a key press (outside typing mode) to an intent; y/a/n only while a confirmation is pending. Pure. */
export function intentFor(input: string, key: KeyInfo, confirming = false): Intent | undefined {
  const name = keyName(input, key);
  return KEYMAP.find((b) => b.keys.includes(name) && (confirming || b.whileConfirming !== true))?.intent;
}

export type TypingEdit =
  { kind: 'send' } | { kind: 'cancel' } | { kind: 'draft'; text: string } | { kind: 'quit' } | { kind: 'none' };

/** Line editing while typing a message. Pure. */
export function editDraft(draft: string, input: string, key: KeyInfo): TypingEdit {
  if (key.ctrl && input.toLowerCase() === 'c') return { kind: 'quit' };
  if (key.return) return { kind: 'send' };
  if (key.escape) return { kind: 'cancel' };
  if (key.backspace || key.delete) return { kind: 'draft', text: [...draft].slice(0, -1).join('') };
  if (key.ctrl || key.meta || input === '') return { kind: 'none' };
  return { kind: 'draft', text: draft + input.replace(/[\r\n]+/g, ' ') };
}
