import { describe, expect, it } from 'vitest';
import {
  describeGatewayProblem,
  gatewayFromFlags,
  gatewaySettings,
  type GatewayRecord,
} from '../../../src/config/gateway.js';
import { UsageError } from '../../../src/core/errors.js';
import { PROVIDER_CATALOGUE } from '../../../src/providers/registry.js';
import type { ProviderId } from '../../../src/core/session.js';

const tf: GatewayRecord = { preset: 'truefoundry', url: 'https://cp.example.com', account: 'team-openai' };

describe('gatewaySettings', () => {
  const cases: [string, GatewayRecord, ProviderId, string, string][] = [
    ['truefoundry openai', tf, 'openai', 'https://cp.example.com/live/team-openai', 'bearer'],
    ['truefoundry azure-openai', tf, 'azure-openai', 'https://cp.example.com/live/team-openai', 'bearer'],
    ['truefoundry voice live', tf, 'azure-voicelive', 'https://cp.example.com/live/team-openai', 'bearer'],
    ['truefoundry gemini', { ...tf, account: 'g' }, 'gemini', 'https://cp.example.com/api/llm/live/g', 'bearer'],
    ['truefoundry vertex', { ...tf, account: 'v' }, 'vertex', 'https://cp.example.com/api/llm/live/v', 'bearer'],
    [
      'truefoundry trailing slash, odd account',
      { preset: 'truefoundry', url: 'https://cp.example.com/', account: 'a b' },
      'openai',
      'https://cp.example.com/live/a%20b',
      'bearer',
    ],
    [
      'custom bearer',
      { preset: 'custom', url: 'https://gw.example.com/v1/', authStyle: 'bearer' },
      'openai',
      'https://gw.example.com/v1',
      'bearer',
    ],
    [
      'custom query',
      { preset: 'custom', url: 'https://gw.example.com', authStyle: 'query' },
      'gemini',
      'https://gw.example.com',
      'query',
    ],
    [
      'custom api-key',
      { preset: 'custom', url: 'https://gw.example.com', authStyle: 'api-key' },
      'azure-openai',
      'https://gw.example.com',
      'api-key',
    ],
  ];
  it.each(cases)('%s', (_name, gateway, provider, endpoint, authStyle) => {
    expect(gatewaySettings(gateway, PROVIDER_CATALOGUE.get(provider))).toEqual({ endpoint, authStyle });
  });
});

describe('gatewayFromFlags', () => {
  it.each([
    [{}, undefined],
    [
      { gateway: 'truefoundry', gatewayUrl: 'https://cp.example.com/', gatewayAccount: 'acc' },
      { preset: 'truefoundry', url: 'https://cp.example.com', account: 'acc' },
    ],
    [
      { gateway: 'custom', gatewayUrl: 'https://gw' },
      { preset: 'custom', url: 'https://gw', authStyle: 'bearer' },
    ],
    [
      { gateway: 'custom', gatewayUrl: 'https://gw', authStyle: 'api-key' },
      { preset: 'custom', url: 'https://gw', authStyle: 'api-key' },
    ],
  ])('%j', (flags, record) => {
    expect(gatewayFromFlags(flags)).toEqual(record);
  });

  it.each([
    [{ gateway: 'truefoundry', gatewayUrl: 'https://cp' }, '--gateway-account'],
    [{ gateway: 'truefoundry', gatewayAccount: 'a' }, '--gateway-url'],
    [{ gateway: 'truefoundry', gatewayUrl: 'not a url', gatewayAccount: 'a' }, '--gateway-url'],
    [{ gateway: 'truefoundry', gatewayUrl: 'https://cp', gatewayAccount: 'a', authStyle: 'query' }, 'bearer'],
    [{ gateway: 'custom', gatewayUrl: 'https://gw', authStyle: 'cookie' }, 'bearer, api-key, query'],
    [{ gateway: 'kong', gatewayUrl: 'https://gw' }, 'truefoundry, custom'],
    [{ gatewayUrl: 'https://gw' }, '--gateway'],
  ])('refuses %j', (flags, words) => {
    expect(() => gatewayFromFlags(flags)).toThrow(UsageError);
    expect(() => gatewayFromFlags(flags)).toThrow(words);
  });
});

describe('describeGatewayProblem', () => {
  it.each([
    [tf, undefined],
    [{ preset: 'custom', url: 'https://gw', authStyle: 'bearer' }, undefined],
    [null, 'must be an object'],
    [{ preset: 'truefoundry', url: 'x' }, 'url must be an http(s):// URL'],
    [{ preset: 'truefoundry', url: 'https://cp' }, 'account must be a name'],
    [{ preset: 'custom', url: 'https://gw', authStyle: 'x' }, 'authStyle must be one of bearer, api-key, query'],
  ])('%j', (value, problem) => {
    expect(describeGatewayProblem(value)).toBe(problem);
  });
});
