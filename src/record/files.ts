import { join } from 'node:path';

/** The files of a recording directory. */
export const RECORDING_FILES = {
  wav: 'conversation.wav',
  events: 'events.jsonl',
  transcript: 'transcript.md',
} as const;

export function recordingPaths(dir: string): { wav: string; events: string; transcript: string } {
  return {
    wav: join(dir, RECORDING_FILES.wav),
    events: join(dir, RECORDING_FILES.events),
    transcript: join(dir, RECORDING_FILES.transcript),
  };
}
