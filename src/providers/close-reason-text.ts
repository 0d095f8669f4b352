import { redact } from '../core/secrets.js';

/** When a close arrived: before `setupComplete` (the setup was refused) or in the conversation. */
export type ClosePhase = 'setup' | 'conversation';

/**
 * The provider's reason as `: <reason>`, in its own words (only secrets are masked), or ''.
 * WebSocket close reasons are at most 123 bytes, so nothing is cut.
 */
export function reasonSuffix(reason: string): string {
  const trimmed = reason.trim();
  return trimmed === '' ? '' : `: ${redact(trimmed)}`;
}

/** Ends a sentence once: a reason that already ends with . ! or ? gets no second period. */
export function sentence(text: string): string {
  return /[.!?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`;
}
