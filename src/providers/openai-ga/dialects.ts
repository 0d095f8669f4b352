import type { SessionOptions } from '../../core/session.js';
import { betaSessionUpdate } from './beta-session-update.js';
import { gaSessionUpdate } from './client-events.js';

/** The two session shapes OpenAI-style servers speak: GA (nested `audio`) and beta (flat). */
export type SessionShape = 'ga' | 'beta';

/** The parts that differ between OpenAI-style dialects (GA, Azure preview, Voice Live). */
export interface OpenAiStyleDialect {
  readonly name: string;
  /** The shape `sessionUpdate` produces. */
  readonly shape: SessionShape;
  /** Builds the first `session.update`. */
  sessionUpdate(options: SessionOptions): Record<string, unknown>;
  /**
   * Called when `session.update` is refused before the session is ready; returns another
   * shape to try once, or undefined to give up.
   */
  fallback?(code: string | undefined, options: SessionOptions): OpenAiStyleDialect | undefined;
  /**
   * When present, the first `session.update` waits for `session.created` and is built by the
   * dialect returned for the shape the server showed there.
   */
  detect?(shape: SessionShape): OpenAiStyleDialect;
}

export const gaDialect: OpenAiStyleDialect = { name: 'GA', shape: 'ga', sessionUpdate: gaSessionUpdate };

export const betaDialect: OpenAiStyleDialect = { name: 'beta', shape: 'beta', sessionUpdate: betaSessionUpdate };

/** Refusals that mean "you spoke the other shape". */
const SHAPE_REFUSALS: ReadonlySet<string> = new Set(['unknown_parameter', 'beta_api_shape_disabled']);

function other(shape: SessionShape): SessionShape {
  return shape === 'ga' ? 'beta' : 'ga';
}

/**
 * For servers whose shape is not known in advance (Azure OpenAI GA vs preview, gateways in front
 * of either): starts with `initial`, follows what `session.created` shows, and flips once more if
 * the update is refused as the wrong shape. The session allows one flip after a refusal.
 */
export function shapeDetectingDialect(
  initial: SessionShape,
  builders: Record<SessionShape, OpenAiStyleDialect> = { ga: gaDialect, beta: betaDialect },
): OpenAiStyleDialect {
  const make = (shape: SessionShape): OpenAiStyleDialect => {
    const base = builders[shape];
    const dialect: OpenAiStyleDialect = {
      name: base.name,
      shape,
      sessionUpdate: (options) => base.sessionUpdate(options),
      fallback: (code) => (code !== undefined && SHAPE_REFUSALS.has(code) ? make(other(shape)) : undefined),
      detect: (detected) => (detected === shape ? dialect : make(detected)),
    };
    return dialect;
  };
  return make(initial);
}
