import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src/core/errors.js';
import type { AuthStyle } from '../../../../src/config/settings.js';
import { resolveAzureAuth, withAuth } from '../../../../src/providers/azure/auth.js';

const key = { value: 'azure-key-123', source: 'AZURE_OPENAI_API_KEY' };
const base = {
  scope: 'https://cognitiveservices.azure.com/.default',
  keyNames: 'AZURE_OPENAI_API_KEY or AZURE_ACCESS_TOKEN',
  label: 'Azure OpenAI Realtime',
};
const noToken = (): Promise<string> => Promise.reject(new Error('must not sign in'));

describe('resolveAzureAuth', () => {
  const table: {
    name: string;
    authStyle?: AuthStyle;
    gateway: boolean;
    headers: Record<string, string>;
    queryKey?: string;
  }[] = [
    { name: 'direct: api-key header', gateway: false, headers: { 'api-key': 'azure-key-123' } },
    { name: 'gateway: bearer only', gateway: true, headers: { Authorization: 'Bearer azure-key-123' } },
    {
      name: 'explicit bearer',
      authStyle: 'bearer',
      gateway: false,
      headers: { Authorization: 'Bearer azure-key-123' },
    },
    {
      name: 'explicit api-key on a gateway',
      authStyle: 'api-key',
      gateway: true,
      headers: { 'api-key': 'azure-key-123' },
    },
    { name: 'query', authStyle: 'query', gateway: false, headers: {}, queryKey: 'azure-key-123' },
  ];
  it.each(table)('$name', async ({ authStyle, gateway, headers, queryKey }) => {
    const auth = await resolveAzureAuth({ ...base, credential: key, authStyle, gateway, getToken: noToken });
    expect(auth.headers).toEqual(headers);
    expect(auth.queryKey).toBe(queryKey);
    expect(auth.hint).toContain('AZURE_OPENAI_API_KEY');
  });

  it('AZURE_ACCESS_TOKEN is always a bearer token', async () => {
    const auth = await resolveAzureAuth({
      ...base,
      credential: { value: 'eyJ-token', source: 'AZURE_ACCESS_TOKEN' },
      authStyle: undefined,
      gateway: false,
    });
    expect(auth.headers).toEqual({ Authorization: 'Bearer eyJ-token' });
  });

  it('no key and --auth-style bearer: signs in with Entra ID for the scope', async () => {
    const scopes: string[] = [];
    const auth = await resolveAzureAuth({
      ...base,
      credential: undefined,
      authStyle: 'bearer',
      gateway: false,
      getToken: (scope) => {
        scopes.push(scope);
        return Promise.resolve('entra-token');
      },
    });
    expect(scopes).toEqual([base.scope]);
    expect(auth.headers).toEqual({ Authorization: 'Bearer entra-token' });
  });

  it('no key otherwise: a config error naming the variables', async () => {
    const attempt = resolveAzureAuth({
      ...base,
      credential: undefined,
      authStyle: undefined,
      gateway: false,
      getToken: noToken,
    });
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(/AZURE_OPENAI_API_KEY/);
  });

  it('withAuth puts a query key into the URL only when asked', () => {
    expect(withAuth('wss://h/x?a=1', { headers: { 'api-key': 'k' }, hint: '' })).toEqual({
      url: 'wss://h/x?a=1',
      headers: { 'api-key': 'k' },
    });
    expect(withAuth('wss://h/x?a=1', { headers: {}, queryKey: 'k', hint: '' }).url).toBe('wss://h/x?a=1&api-key=k');
  });
});
