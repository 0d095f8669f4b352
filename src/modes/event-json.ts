import type { SessionEvent } from '../core/events.js';

/** A neutral event as a JSON-safe object: audio is summarised, never dumped. */
export function eventToJson(event: SessionEvent): Record<string, unknown> {
  if (event.type === 'response.audio') {
    const { pcm, ...rest } = event;
    return { ...rest, samples: pcm.length };
  }
  return { ...event };
}
