import { describe, expect, it } from 'vitest';
import { bypassesProxy, describeProxyChoice, resolveProxy } from '../../../src/net/proxy-resolve.js';
import { azureProxyOptions } from '../../../src/net/proxy-agent.js';
import { proxyError } from '../../../src/net/proxy-errors.js';
import { ExitCode } from '../../../src/core/errors.js';

const P = 'http://proxy.corp:3128';
const Q = 'http://other.corp:8080';

describe('resolveProxy follows curl', () => {
  it.each([
    ['wss://api.openai.com/v1/realtime', {}, undefined, undefined],
    ['wss://api.openai.com/v1/realtime', { HTTPS_PROXY: P }, undefined, P],
    ['wss://api.openai.com/v1/realtime', { https_proxy: P, HTTPS_PROXY: Q }, undefined, P],
    ['wss://api.openai.com/v1/realtime', { ALL_PROXY: P }, undefined, P],
    ['wss://api.openai.com/v1/realtime', { all_proxy: P, ALL_PROXY: Q }, undefined, P],
    ['wss://api.openai.com/v1/realtime', { HTTPS_PROXY: P, ALL_PROXY: Q }, undefined, P],
    ['wss://api.openai.com/v1/realtime', { http_proxy: P }, undefined, undefined],
    ['ws://127.0.0.1:9/x', { http_proxy: P }, undefined, P],
    ['ws://127.0.0.1:9/x', { HTTP_PROXY: P }, undefined, undefined],
    ['ws://127.0.0.1:9/x', { HTTPS_PROXY: P }, undefined, undefined],
    ['https://oauth2.googleapis.com/token', { HTTPS_PROXY: 'proxy.corp:3128' }, undefined, P],
    ['wss://api.openai.com/', { HTTPS_PROXY: '', ALL_PROXY: P }, undefined, P],
    // --proxy replaces the variables; none turns them off
    ['wss://api.openai.com/', { HTTPS_PROXY: Q }, P, P],
    ['wss://api.openai.com/', { HTTPS_PROXY: Q }, 'none', undefined],
    ['wss://api.openai.com/', {}, P, P],
    // NO_PROXY
    ['wss://api.openai.com/', { HTTPS_PROXY: P, NO_PROXY: 'openai.com' }, undefined, undefined],
    ['wss://api.openai.com/', { HTTPS_PROXY: P, NO_PROXY: '.openai.com' }, undefined, undefined],
    ['wss://api.openai.com/', { HTTPS_PROXY: P, no_proxy: 'example.com', NO_PROXY: 'openai.com' }, undefined, P],
    ['wss://api.openai.com/', { HTTPS_PROXY: P, NO_PROXY: 'notopenai.com' }, undefined, P],
    ['wss://api.openai.com/', { HTTPS_PROXY: P, NO_PROXY: '*' }, undefined, undefined],
    ['wss://api.openai.com/', { HTTPS_PROXY: P, NO_PROXY: 'api.openai.com:443' }, undefined, undefined],
    ['wss://api.openai.com/', { HTTPS_PROXY: P, NO_PROXY: 'api.openai.com:8443' }, undefined, P],
    ['wss://api.openai.com/', { NO_PROXY: 'openai.com' }, P, undefined],
    ['ws://localhost:8080/', { http_proxy: P }, undefined, P],
    ['ws://localhost:8080/', { http_proxy: P, NO_PROXY: 'localhost' }, undefined, undefined],
    ['ws://10.1.2.3:8080/', { http_proxy: P, NO_PROXY: '10.0.0.0/8' }, undefined, undefined],
    ['ws://11.1.2.3:8080/', { http_proxy: P, NO_PROXY: '10.0.0.0/8' }, undefined, P],
    ['ws://[::1]:8080/', { http_proxy: P, NO_PROXY: '::1' }, undefined, undefined],
  ] as const)('%s with %o and --proxy %s -> %s', (url, env, override, expected) => {
    expect(resolveProxy(url, { env, override }).proxyUrl).toBe(expected);
  });

  it('names where the decision came from', () => {
    expect(resolveProxy('wss://a.b/', { env: { https_proxy: P } }).source).toBe('https_proxy');
    expect(resolveProxy('wss://a.b/', { env: { NO_PROXY: 'a.b', HTTPS_PROXY: P } }).source).toBe(
      'NO_PROXY matches a.b',
    );
    expect(resolveProxy('wss://a.b/', { env: {}, override: P }).source).toBe('--proxy');
  });

  it.each([['ftp://x:1'], ['http://'], ['http://exa mple:1']])('refuses the proxy URL %s naming its origin', (bad) => {
    expect(() => resolveProxy('wss://a.b/', { env: { HTTPS_PROXY: bad } })).toThrow(/HTTPS_PROXY/);
    expect(() => resolveProxy('wss://a.b/', { env: {}, override: bad })).toThrow(/--proxy/);
  });

  it('bypassesProxy ignores empty entries and spaces', () => {
    expect(bypassesProxy(new URL('https://x.y/'), ' , ,x.y ')).toBe(true);
    expect(bypassesProxy(new URL('https://x.y/'), '')).toBe(false);
  });
});

describe('proxy errors name the proxy, never the provider', () => {
  const base = {
    proxyUrl: 'http://u:secret-pass@proxy.corp:3128',
    source: 'HTTPS_PROXY',
    targetHost: 'api.openai.com',
  };
  it.each([
    [
      { connectStatus: 407 },
      ExitCode.auth,
      /proxy http:\/\/proxy\.corp:3128 \(from HTTPS_PROXY\) asks for credentials/,
    ],
    [{ connectStatus: 403 }, ExitCode.config, /refused to open a tunnel to api\.openai\.com \(HTTP 403\)/],
    [{ connectStatus: 502 }, ExitCode.temporary, /could not reach api\.openai\.com \(HTTP 502\)/],
    [{ errorCode: 'ECONNREFUSED' }, ExitCode.temporary, /Cannot reach the proxy .*: connection refused/],
    [{ errorCode: 'ENOTFOUND' }, ExitCode.temporary, /Cannot reach the proxy .*: host not found/],
    [{ connectStatus: 200, errorCode: 'SELF_SIGNED_CERT_IN_CHAIN' }, ExitCode.config, /TLS to api\.openai\.com/],
  ])('%o -> exit %i', (extra, exit, message) => {
    const error = proxyError({ ...base, ...extra });
    expect(error?.exitCode).toBe(exit);
    expect(error?.message).toMatch(message);
    expect(`${error?.message} ${error?.hint}`).not.toContain('secret-pass');
  });

  it('a failure after the tunnel opened is the provider side (undefined here)', () => {
    expect(proxyError({ ...base, connectStatus: 200, errorCode: 'ECONNRESET' })).toBeUndefined();
    expect(proxyError({ ...base, connectStatus: 200 })).toBeUndefined();
  });
});

describe('azureProxyOptions', () => {
  it('splits a proxy URL the way @azure/identity takes it', () => {
    expect(azureProxyOptions('http://alice:p%40ss@proxy.corp:3128')).toEqual({
      host: 'http://proxy.corp',
      port: 3128,
      username: 'alice',
      password: 'p@ss',
    });
    expect(azureProxyOptions('http://proxy.corp')).toEqual({ host: 'http://proxy.corp', port: 80 });
  });
});

describe('describeProxyChoice', () => {
  it('says how a connection goes out, without proxy credentials', () => {
    expect(
      describeProxyChoice('wss://api.openai.com/v1', { env: { HTTPS_PROXY: 'http://u:pw-secret@p.corp:3128' } }),
    ).toBe('api.openai.com: through proxy http://p.corp:3128 (from HTTPS_PROXY)');
    expect(describeProxyChoice('wss://api.openai.com/v1', { env: { HTTPS_PROXY: P, NO_PROXY: 'openai.com' } })).toBe(
      'api.openai.com: direct (NO_PROXY matches api.openai.com)',
    );
  });
});
