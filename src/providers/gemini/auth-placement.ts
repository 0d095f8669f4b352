import { assertNever } from '../../core/assert-never.js';
import type { AuthStyle } from '../../config/settings.js';

/** Where the Gemini API key travels on the upgrade request. */
export type GeminiKeyPlacement = 'x-goog-api-key' | 'authorization-bearer' | 'query-key';

export interface GeminiAuthRuleInput {
  /** `--endpoint` (or a profile's endpoint); undefined means Google's own host. */
  baseUrl?: string | undefined;
  /** An explicit `--auth-style`, or the one a gateway preset sets (always bearer for TrueFoundry). */
  authStyle?: AuthStyle | undefined;
  /** Set when the auth style came from a gateway preset, for the explanation. */
  gatewayPreset?: string | undefined;
}

export interface GeminiAuthRule {
  placement: GeminiKeyPlacement;
  /** One line for `--explain`: where the key goes and why. */
  explanation: string;
}

function placementOf(style: AuthStyle): GeminiKeyPlacement {
  switch (style) {
    case 'api-key':
      return 'x-goog-api-key';
    case 'bearer':
      return 'authorization-bearer';
    case 'query':
      return 'query-key';
    default:
      return assertNever(style, 'auth style');
  }
}

const WHERE: Record<GeminiKeyPlacement, string> = {
  'x-goog-api-key': 'the x-goog-api-key header',
  'authorization-bearer': 'Authorization: Bearer',
  'query-key': 'the ?key= query parameter',
};

/**
 * The official SDK sends a Gemini API key the way Google expects it whatever the base URL, so
 * an endpoint alone (Google's own host, a private mirror, a local test server) never turns the
 * key into a bearer token: only a gateway preset or an explicit `--auth-style` does. Pure.
 */
export function geminiAuthRule(input: GeminiAuthRuleInput): GeminiAuthRule {
  const placement = placementOf(input.authStyle ?? 'api-key');
  const where = WHERE[placement];
  if (input.authStyle === undefined) {
    const host = input.baseUrl === undefined ? 'Google' : 'any endpoint without a gateway preset';
    return { placement, explanation: `API key in ${where} (the SDK's default for ${host}; --auth-style changes it)` };
  }
  const why = input.gatewayPreset === undefined ? '--auth-style' : `gateway ${input.gatewayPreset}`;
  return { placement, explanation: `API key in ${where} (set by ${why})` };
}
