import type { ControllerEvent } from './controller-events.js';
import { errorFromSessionInfo, VoicechatError } from './errors.js';

/** The error a controller event ends the run with: a fatal session error or a final engine failure. */
export function runEndingError(event: ControllerEvent): VoicechatError | undefined {
  if (event.type === 'error' && event.error.fatal) return errorFromSessionInfo(event.error);
  if (event.type === 'engine.error' && event.final) return new VoicechatError(event.message, event.exitCode);
  return undefined;
}
