import { afterEach, describe, expect, it } from 'vitest';
import { createWebSocketConnector } from '../../../src/providers/socket.js';
import { startRecordingProxy, type RecordingProxy } from '../../support/http-proxy.js';
import { startReplayServer, type ReplayServer } from '../../support/replay-server.js';
import { loadBidiTrace } from '../../support/traces.js';

const trace = loadBidiTrace('openai-ga__error-invalid_value__then-text-response');
let server: ReplayServer | undefined;
const proxies: RecordingProxy[] = [];
afterEach(async () => {
  await server?.close();
  for (const p of proxies.splice(0)) await p.close();
});

async function open(override: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  const connect = createWebSocketConnector(override, env);
  const socket = await connect(
    { url: `${server!.url}/v1/realtime`, headers: { Authorization: 'Bearer k' } },
    { timeoutMs: 5000 },
  );
  socket.close(1000);
}

describe('--proxy (the override) against the environment, with a real proxy', () => {
  it('--proxy URL wins over the environment', async () => {
    server = await startReplayServer({ trace, dialect: 'openai' });
    const [flag, env] = [await startRecordingProxy(), await startRecordingProxy()];
    proxies.push(flag, env);
    await open(flag.url, { http_proxy: env.url });
    expect(flag.connects).toEqual([`127.0.0.1:${server.port}`]);
    expect(env.connects).toEqual([]);
  });

  it('--proxy none connects directly although a variable names a proxy', async () => {
    server = await startReplayServer({ trace, dialect: 'openai' });
    const env = await startRecordingProxy();
    proxies.push(env);
    await open('none', { http_proxy: env.url });
    expect(env.connects).toEqual([]);
    expect(server.upgrades).toHaveLength(1);
  });

  it('NO_PROXY still applies to --proxy, as in curl', async () => {
    server = await startReplayServer({ trace, dialect: 'openai' });
    const flag = await startRecordingProxy();
    proxies.push(flag);
    await open(flag.url, { NO_PROXY: '127.0.0.1' });
    expect(flag.connects).toEqual([]);
    expect(server.upgrades).toHaveLength(1);
  });
});
