import { maxCostWithoutPrice } from '../core/cost-limit.js';
import { ConfigError } from '../core/errors.js';
import { findPrice, parsePriceOverrides, type ModelPrice, type PriceTable } from '../core/prices.js';
import type { ResolvedSettings } from '../config/settings.js';

export interface CostSetup {
  /** Undefined when neither the provider's table nor the `prices` key knows the model. */
  price: ModelPrice | undefined;
  maxCostUsd: number | undefined;
  /** Said at start: `--max-cost` cannot work for an unpriced model. */
  notice: string | undefined;
}

/**
 * The price a session is estimated with: the `prices` config key over the provider's table
 * (from the catalogue). A broken `prices` entry is a ConfigError before anything connects. Pure.
 */
export function costSetupFor(settings: ResolvedSettings['values'], table: PriceTable): CostSetup {
  const { prices, problems } = parsePriceOverrides(settings.prices, (model) => findPrice(model, table) !== undefined);
  if (problems.length > 0) {
    throw new ConfigError(`The prices setting is not valid: ${problems.join('; ')}.`, {
      hint: 'Fix it in the config file (voicechat config path); prices are USD per 1M tokens.',
    });
  }
  const price = findPrice(settings.model, table, prices);
  const maxCostUsd = settings.maxCostUsd;
  const notice = maxCostUsd !== undefined && price === undefined ? maxCostWithoutPrice(settings.model) : undefined;
  return { price, maxCostUsd, notice };
}
