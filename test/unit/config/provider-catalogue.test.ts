import { describe, expect, it } from 'vitest';
import { providersTaking } from '../../../src/config/provider-catalogue.js';
import { PROVIDER_ONLY_KEYS, specOf } from '../../../src/config/setting-specs.js';
import { PROVIDER_IDS } from '../../../src/core/session.js';
import { DISCOVERY_ORDER, getDescriptor, PROVIDER_CATALOGUE } from '../../../src/providers/registry.js';

describe('the provider catalogue built from the registry', () => {
  it('has every provider once, in discovery order, with the descriptor behind each', () => {
    expect(PROVIDER_CATALOGUE.entries.map((e) => e.id)).toEqual([...DISCOVERY_ORDER]);
    expect([...DISCOVERY_ORDER].sort()).toEqual([...PROVIDER_IDS].sort());
    for (const id of PROVIDER_IDS) expect(PROVIDER_CATALOGUE.get(id)).toBe(getDescriptor(id));
  });

  it('every provider-only setting is taken by some provider, and providers claim only those', () => {
    for (const key of PROVIDER_ONLY_KEYS) expect(providersTaking(PROVIDER_CATALOGUE, key), key).not.toEqual([]);
    for (const entry of PROVIDER_CATALOGUE.entries) {
      for (const key of entry.ownSettings) expect(specOf(key).providerOnly, `${entry.id} ${key}`).toBe(true);
    }
  });

  it('the same provider-only table as before the move', () => {
    expect(providersTaking(PROVIDER_CATALOGUE, 'deployment')).toEqual(['azure-openai', 'azure-voicelive']);
    expect(providersTaking(PROVIDER_CATALOGUE, 'project')).toEqual(['vertex']);
    expect(providersTaking(PROVIDER_CATALOGUE, 'location')).toEqual(['vertex']);
  });

  it('every provider has a gateway path and variables for its key or a keyless way in', () => {
    for (const entry of PROVIDER_CATALOGUE.entries) {
      expect(entry.gatewayPaths.truefoundry).toMatch(/^\/[a-z/]+$/);
      expect(entry.keyEnv.length > 0 || entry.keyOptional).toBe(true);
    }
  });
});
