import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closedPort, startRecordingProxy, type RecordingProxy } from '../support/http-proxy.js';
import { startReplayServer, type ReplayServer } from '../support/replay-server.js';
import { leaks, runCli } from '../support/run-cli.js';
import { loadBidiTrace } from '../support/traces.js';

const KEY = 'sk-test-PROXYSECRET-0123456789';
const textTrace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
const replyText = textTrace
  .filter((l) => l.event['type'] === 'response.output_text.delta')
  .map((l) => l.event['delta'] as string)
  .join('');

/**
 * A self-signed certificate for localhost, made with openssl for this run. Providers are host
 * names, and TLS through a tunnel verifies the name, so the tests use localhost, not an IP.
 */
let tls: { key: string; cert: string; certPath: string };
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'vc-proxy-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  tls = { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8'), certPath };
});

let server: ReplayServer | undefined;
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await server?.close();
  await proxy?.close();
  server = undefined;
  proxy = undefined;
});

const ask = (base: string, env: Record<string, string>, extra: string[] = []) =>
  runCli(
    ['--provider', 'openai', '--endpoint', `${base.replace('127.0.0.1', 'localhost')}/v1`, ...extra, '--text', 'hi'],
    {
      env: { OPENAI_API_KEY: KEY, ...env },
    },
  );

describe('WebSocket through a real HTTP CONNECT proxy (issue #16 item 1)', () => {
  it.each([['HTTPS_PROXY'], ['https_proxy'], ['ALL_PROXY'], ['all_proxy']])(
    'wss:// via %s: the reply arrives, the proxy saw one CONNECT and never the key (TLS inside the tunnel)',
    async (variable) => {
      server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
      proxy = await startRecordingProxy();
      const result = await ask(server.httpBase, { [variable]: proxy.url, NODE_EXTRA_CA_CERTS: tls.certPath });
      expect(result.stderr).not.toMatch(/proxy/i);
      expect(result.stdout).toBe(`${replyText}\n`);
      expect(result.code).toBe(0);
      expect(proxy.connects).toEqual([`localhost:${server.port}`]);
      // the provider got the key …
      expect(server.upgrades[0]?.headers['authorization']).toBe(`Bearer ${KEY}`);
      // … and the proxy, which relayed every byte, could not read it anywhere
      const seen = proxy.received();
      expect(seen.length).toBeGreaterThan(1000);
      expect(seen.includes(KEY)).toBe(false);
      expect(seen.includes('PROXYSECRET')).toBe(false);
      expect(leaks(result, KEY)).toBe(false);
    },
  );

  it('NO_PROXY bypasses the proxy: no CONNECT, not one byte to the proxy', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy();
    const result = await ask(server.httpBase, {
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'example.com,localhost',
      NODE_EXTRA_CA_CERTS: tls.certPath,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${replyText}\n`);
    expect(proxy.connects).toEqual([]);
    expect(proxy.received().length).toBe(0);
  });

  it('a NO_PROXY entry for another port does not bypass (curl rules), so localhost is not skipped by accident', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy();
    const result = await ask(server.httpBase, {
      https_proxy: proxy.url,
      no_proxy: `localhost:${server.port + 1},127.0.0.1`,
      NODE_EXTRA_CA_CERTS: tls.certPath,
    });
    expect(result.code).toBe(0);
    expect(proxy.connects).toEqual([`localhost:${server.port}`]);
  });

  it('ws:// via http_proxy: the key never appears in the CONNECT request, only after the tunnel opened', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai' });
    proxy = await startRecordingProxy();
    const result = await ask(server.httpBase, { http_proxy: proxy.url });
    expect(result.code).toBe(0);
    expect(proxy.connects).toEqual([`localhost:${server.port}`]);
    const seen = proxy.received().toString('latin1');
    const connectHead = seen.slice(0, seen.indexOf('\r\n\r\n'));
    expect(connectHead).toMatch(/^CONNECT localhost:\d+ HTTP\/1\.1/);
    expect(connectHead).not.toContain(KEY);
    // plain ws:// is readable by whoever relays it: that is why providers are wss://
    expect(seen.indexOf(KEY)).toBeGreaterThan(connectHead.length);
  });

  it('upper-case HTTP_PROXY is ignored for ws://, as curl does (httpoxy)', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai' });
    proxy = await startRecordingProxy();
    const result = await ask(server.httpBase, { HTTP_PROXY: proxy.url });
    expect(result.code).toBe(0);
    expect(proxy.connects).toEqual([]);
  });
});

describe('errors from the proxy are not the provider errors', () => {
  it('407: exit 77 naming the proxy, with a hint about proxy credentials', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy({ authenticate: () => false });
    const result = await ask(server.httpBase, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certPath });
    expect(result.code).toBe(77);
    expect(result.stderr).toContain(`the proxy http://127.0.0.1:${proxy.port} (from HTTPS_PROXY) asks for credentials`);
    expect(result.stderr).toContain('407');
    expect(result.stderr).toContain('http://user:password@host:port');
    expect(result.stderr).not.toContain('rejected the credentials');
    expect(server.upgrades).toEqual([]);
    expect(leaks(result, KEY)).toBe(false);
  });

  it('proxy credentials in the URL are sent to the proxy and never printed', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    const expected = `Basic ${Buffer.from('alice:pr0xy-PASSWORD').toString('base64')}`;
    proxy = await startRecordingProxy({ authenticate: (req) => req.headers['proxy-authorization'] === expected });
    const withCreds = proxy.url.replace('http://', 'http://alice:pr0xy-PASSWORD@');
    const ok = await ask(server.httpBase, { HTTPS_PROXY: withCreds, NODE_EXTRA_CA_CERTS: tls.certPath });
    expect(ok.code).toBe(0);
    const wrong = await ask(server.httpBase, {
      HTTPS_PROXY: proxy.url.replace('http://', 'http://alice:wr0ng-PASSWORD@'),
      NODE_EXTRA_CA_CERTS: tls.certPath,
    });
    expect(wrong.code).toBe(77);
    expect(wrong.stderr).not.toContain('wr0ng-PASSWORD');
  });

  it('a proxy that is not there: exit 75, "Cannot reach the proxy", not the provider', async () => {
    const port = await closedPort();
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    const result = await ask(server.httpBase, {
      HTTPS_PROXY: `http://127.0.0.1:${port}`,
      NODE_EXTRA_CA_CERTS: tls.certPath,
    });
    expect(result.code).toBe(75);
    expect(result.stderr).toContain(
      `Cannot reach the proxy http://127.0.0.1:${port} (from HTTPS_PROXY): connection refused`,
    );
    expect(server.upgrades).toEqual([]);
  });

  it('TLS that does not verify through the proxy: exit 78 with the NODE_EXTRA_CA_CERTS hint', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy();
    const result = await ask(server.httpBase, { HTTPS_PROXY: proxy.url });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(
      /TLS to localhost:\d+ through the proxy .* could not be verified \(DEPTH_ZERO_SELF_SIGNED_CERT\)/,
    );
    expect(result.stderr).toContain('NODE_EXTRA_CA_CERTS');
    expect(proxy.connects).toHaveLength(1);
  });

  it('a bad proxy URL in the environment is a config error naming the variable', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    const result = await ask(server.httpBase, { HTTPS_PROXY: 'ftp://proxy.example:21' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('HTTPS_PROXY has an unsupported proxy URL');
  });
});

describe('--proxy and the proxy config key override the environment (issue #16 item 1)', () => {
  it('--proxy URL with no variable set: through the proxy', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy();
    const result = await ask(server.httpBase, { NODE_EXTRA_CA_CERTS: tls.certPath }, ['--proxy', proxy.url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${replyText}\n`);
    expect(proxy.connects).toEqual([`localhost:${server.port}`]);
  });

  it('--proxy none beats HTTPS_PROXY: direct, the proxy sees nothing', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy();
    const result = await ask(server.httpBase, { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: tls.certPath }, [
      '--proxy',
      'none',
    ]);
    expect(result.code).toBe(0);
    expect(proxy.received().length).toBe(0);
  });

  it('the proxy config key replaces a wrong HTTPS_PROXY', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy();
    const configDir = mkdtempSync(join(tmpdir(), 'vc-proxy-cfg-'));
    const set = await runCli(['config', 'set', `proxy=${proxy.url}`], { env: { VOICECHAT_CONFIG_DIR: configDir } });
    expect(set.code).toBe(0);
    const result = await ask(server.httpBase, {
      VOICECHAT_CONFIG_DIR: configDir,
      HTTPS_PROXY: `http://127.0.0.1:${await closedPort()}`,
      NODE_EXTRA_CA_CERTS: tls.certPath,
    });
    expect(result.code).toBe(0);
    expect(proxy.connects).toEqual([`localhost:${server.port}`]);
  });

  it('a bad --proxy is a config error naming the flag, before anything connects', async () => {
    const result = await ask('http://127.0.0.1:9', {}, ['--proxy', 'ftp://proxy.example:21']);
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('--proxy');
  });

  it('doctor checks the endpoint through the same proxy and says so', async () => {
    server = await startReplayServer({ trace: textTrace, dialect: 'openai', tls });
    proxy = await startRecordingProxy();
    const result = await runCli(['doctor', '--skip-audio', '--proxy', proxy.url], {
      env: {
        OPENAI_API_KEY: KEY,
        OPENAI_BASE_URL: `${server.httpBase.replace('127.0.0.1', 'localhost')}/v1`,
        NODE_EXTRA_CA_CERTS: tls.certPath,
        VOICECHAT_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'vc-proxy-doc-')),
      },
    });
    expect(result.stdout).toContain(`through proxy ${proxy.url.replace(/\/$/, '')} (from --proxy)`);
    expect(proxy.connects).toEqual([`localhost:${server.port}`]);
    expect(leaks(result, KEY)).toBe(false);
  });
});
