import type { PriceTable } from '../core/prices.js';
import type { ProviderId } from '../core/session.js';
import type { GatewayPreset } from './gateway-presets.js';
import type { PartialSettings, ResolvedSettings, SettingKey } from './settings.js';

/**
 * What config needs to know about one provider. Config never imports `src/providers/`: the
 * registry builds the catalogue from the descriptors and the entry point hands it in.
 */
export interface ProviderEntry {
  id: ProviderId;
  label: string;
  /** Per-provider defaults (model, voice …). */
  defaults: PartialSettings;
  /** Variables that may hold the key, in order of preference. */
  keyEnv: readonly string[];
  /** Other variables read as settings (e.g. an endpoint variable), first set one wins. */
  envSettings: Partial<Record<SettingKey, readonly string[]>>;
  /** True when a missing key is fine (e.g. Vertex with application default credentials). */
  keyOptional: boolean;
  /** The provider cancels echo on its side (`--echo-cancellation server`; what `auto` prefers). */
  serverEchoCancellation: boolean;
  /** The provider-only settings (spec `providerOnly`) this provider takes. */
  ownSettings: readonly SettingKey[];
  /** Path a gateway preset serves this provider's protocol under (TrueFoundry: `/live`). */
  gatewayPaths: Readonly<Record<Exclude<GatewayPreset, 'custom'>, string>>;
  voices: readonly string[];
  models: readonly string[];
  /** Throws a ConfigError/UsageError for settings this provider cannot honour. */
  validate(settings: ResolvedSettings['values']): void;
  /** USD per 1M tokens by model, with sources; `{}` when the provider bills its own rates (Azure). */
  prices: PriceTable;
}

/** Every provider, in discovery order (the order used when no provider is named). */
export interface ProviderCatalogue {
  readonly entries: readonly ProviderEntry[];
  get(id: ProviderId): ProviderEntry;
}

/** A catalogue over entries given in discovery order. Pure. */
export function catalogueOf(entries: readonly ProviderEntry[]): ProviderCatalogue {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    entries,
    get(id) {
      const entry = byId.get(id);
      if (entry === undefined) throw new Error(`No provider "${id}" in the catalogue.`);
      return entry;
    },
  };
}

/** The providers that take a provider-only setting. Pure. */
export function providersTaking(catalogue: ProviderCatalogue, key: SettingKey): ProviderId[] {
  return catalogue.entries.filter((e) => e.ownSettings.includes(key)).map((e) => e.id);
}
