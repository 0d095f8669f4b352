import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxy } from 'proxy';

/** A real HTTP CONNECT proxy (TooTallNate's `proxy`) that records what it receives. */
export interface RecordingProxy {
  url: string;
  port: number;
  /** `host:port` of every CONNECT request, in order. */
  connects: string[];
  /** Every byte clients sent to the proxy, tunnels included (what the proxy could read). */
  received(): Buffer;
  close(): Promise<void>;
}

export async function startRecordingProxy(
  options: { authenticate?: (req: IncomingMessage) => boolean } = {},
): Promise<RecordingProxy> {
  const server = createProxy(createServer());
  if (options.authenticate !== undefined) server.authenticate = options.authenticate;
  const connects: string[] = [];
  const chunks: Buffer[] = [];
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: IncomingMessage) => connects.push(req.url ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connects,
    received: () => Buffer.concat(chunks),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
