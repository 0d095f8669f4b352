import { afterEach } from 'vitest';
import { startReplayServer, type ReplayOptions, type ReplayServer } from './replay-server.js';

const open = new Set<ReplayServer>();

// every server a test started is closed after it, however many it started
afterEach(async () => {
  const servers = [...open];
  open.clear();
  await Promise.all(servers.map((s) => s.close()));
});

/** Starts a replay server that is closed when the current test ends. */
export async function replayServer(options: ReplayOptions): Promise<ReplayServer> {
  const server = await startReplayServer(options);
  open.add(server);
  return server;
}
