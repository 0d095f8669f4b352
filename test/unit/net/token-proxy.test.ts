import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applicationDefaultToken } from '../../../src/providers/gemini/vertex-auth.js';
import { startRecordingProxy, type RecordingProxy } from '../../support/http-proxy.js';

/**
 * google-auth-library (the real one) exchanging a service-account JWT at a local token
 * endpoint (the key file's token_uri), through the real proxy or around it.
 */
let tokenServer: Server | undefined;
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await new Promise<void>((resolve) => (tokenServer === undefined ? resolve() : tokenServer.close(() => resolve())));
  tokenServer = undefined;
  proxy = undefined;
});

async function startTokenServer(): Promise<{ tokenUri: string; requests: string[] }> {
  const requests: string[] = [];
  tokenServer = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'ya29.local-test-token-123456', expires_in: 3600, token_type: 'Bearer' }));
    });
  });
  await new Promise<void>((resolve) => tokenServer!.listen(0, '127.0.0.1', resolve));
  const port = (tokenServer.address() as AddressInfo).port;
  return { tokenUri: `http://localhost:${port}/token`, requests };
}

function keyFile(tokenUri: string): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const path = join(mkdtempSync(join(tmpdir(), 'vc-adc-')), 'sa.json');
  writeFileSync(
    path,
    JSON.stringify({
      type: 'service_account',
      project_id: 'proxy-test-project',
      private_key_id: 'k1',
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: 'tester@proxy-test-project.iam.gserviceaccount.com',
      client_id: '1',
      token_uri: tokenUri,
    }),
  );
  return path;
}

describe('Vertex ADC token fetch follows the proxy rules', () => {
  // google-auth-library sends a service account's JWT to https://oauth2.googleapis.com/token;
  // there is no network here, so what counts is where the request went: the proxy's CONNECT log
  it('goes through HTTPS_PROXY: the proxy is asked to CONNECT to the Google token host', async () => {
    const { tokenUri } = await startTokenServer();
    proxy = await startRecordingProxy();
    process.env['GOOGLE_APPLICATION_CREDENTIALS'] = keyFile(tokenUri);
    try {
      await expect(applicationDefaultToken({ env: { HTTPS_PROXY: proxy.url } })).rejects.toThrow(
        /No Google Cloud credentials/,
      );
    } finally {
      delete process.env['GOOGLE_APPLICATION_CREDENTIALS'];
    }
    expect(proxy.connects.length).toBeGreaterThan(0);
    expect(new Set(proxy.connects)).toEqual(new Set(['oauth2.googleapis.com:443']));
  });

  it('NO_PROXY sends it direct: the proxy sees nothing', async () => {
    const { tokenUri } = await startTokenServer();
    proxy = await startRecordingProxy();
    process.env['GOOGLE_APPLICATION_CREDENTIALS'] = keyFile(tokenUri);
    try {
      await expect(
        applicationDefaultToken({ env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'googleapis.com' } }),
      ).rejects.toThrow(/No Google Cloud credentials/);
    } finally {
      delete process.env['GOOGLE_APPLICATION_CREDENTIALS'];
    }
    expect(proxy.received().length).toBe(0);
  });

  it('--proxy none goes direct although HTTPS_PROXY is set (the library reading it is bypassed)', async () => {
    const { tokenUri } = await startTokenServer();
    proxy = await startRecordingProxy();
    process.env['GOOGLE_APPLICATION_CREDENTIALS'] = keyFile(tokenUri);
    process.env['HTTPS_PROXY'] = proxy.url;
    try {
      await expect(applicationDefaultToken({ env: { HTTPS_PROXY: proxy.url }, override: 'none' })).rejects.toThrow(
        /No Google Cloud credentials/,
      );
    } finally {
      delete process.env['GOOGLE_APPLICATION_CREDENTIALS'];
      delete process.env['HTTPS_PROXY'];
    }
    expect(proxy.received().length).toBe(0);
  });
});
