import type { AudioEngine } from './audio-engine.js';

/**
 * The audio the controller drives: what it needs of an engine and nothing more. The device
 * engine (`src/audio/engine.ts`) and the null engine (`null-audio.ts`) both satisfy it, so core
 * never depends on the audio implementation.
 */
export type ConversationAudio = Omit<AudioEngine, 'onPlayed' | 'playedMs'>;
