import { assertNever } from '../core/assert-never.js';
import type { PriceTable } from '../core/prices.js';
import type { ProviderId } from '../core/session.js';
import { GEMINI_LIVE_PRICES } from './gemini/prices.js';
import { OPENAI_REALTIME_PRICES } from './openai-ga/prices.js';

const NONE: PriceTable = {};

/**
 * The price table a provider's models are estimated with. Azure bills its own rates and names
 * models by deployment, so Azure providers start empty (the `prices` config key fills them).
 */
export function pricesFor(provider: ProviderId): PriceTable {
  switch (provider) {
    case 'openai':
      return OPENAI_REALTIME_PRICES;
    case 'gemini':
    case 'vertex':
      return GEMINI_LIVE_PRICES;
    case 'azure-openai':
    case 'azure-voicelive':
      return NONE;
    default:
      return assertNever(provider, 'provider');
  }
}
