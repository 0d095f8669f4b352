import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket as WsSocket } from 'ws';
import { AuthError, ConfigError, TemporaryError, VoicechatError, ExitCode } from '../core/errors.js';
import { redact, redactUrl } from '../core/secrets.js';
import type { Endpoint } from '../core/session.js';
import { traceTiming } from '../core/timing-trace.js';
import { createProxyTap, type ProxyTap } from '../net/proxy-agent.js';
import { proxyError } from '../net/proxy-errors.js';

/** The only shape of a socket the dialects see; tests and fault injection go through it too. */
export interface SocketPort {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onMessage(listener: (data: string, isBinary: boolean) => void): void;
  onClose(listener: (code: number, reason: string) => void): void;
  /** Bytes queued in the socket but not yet written to the network. */
  bufferedBytes(): number;
}

export interface ConnectOptions {
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Frames above this close the socket with 1009 instead of exhausting memory. */
  maxPayloadBytes?: number;
}

export type SocketConnector = (endpoint: Endpoint, options: ConnectOptions) => Promise<SocketPort>;

export const DEFAULT_MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
/** A ping this often; no pong within one more interval means the connection is dead. */
export const DEFAULT_KEEPALIVE_MS = 15_000;

/** `VOICECHAT_KEEPALIVE_MS` shortens the keep-alive (tests of stalled connections use it). */
export function keepAliveFromEnv(env: NodeJS.ProcessEnv): number {
  const value = Number(env['VOICECHAT_KEEPALIVE_MS']);
  return Number.isFinite(value) && value >= 100 ? value : DEFAULT_KEEPALIVE_MS;
}
const BODY_LIMIT_BYTES = 4096;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return redactUrl(url);
  }
}

/** Pulls a readable message out of an HTTP error body (JSON `error.message`, or plain text). */
export function summariseErrorBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return '';
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const pick = (value: unknown): string | undefined => {
      if (typeof value === 'string') return value;
      if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        return pick(record['message']) ?? pick(record['error']);
      }
      return undefined;
    };
    const found = pick(parsed);
    if (found !== undefined) return redact(found).slice(0, 300);
  } catch {
    // not JSON: fall through to the raw text
  }
  return redact(trimmed.replace(/\s+/g, ' ')).slice(0, 300);
}

/** Maps an HTTP status on the upgrade to the error a user should see. */
export function upgradeError(status: number, url: string, body: string): VoicechatError {
  const host = hostOf(url);
  const detail = summariseErrorBody(body);
  const suffix = detail === '' ? '' : `: ${detail}`;
  if (status === 401 || status === 403) {
    return new AuthError(`${host} rejected the credentials (HTTP ${status})${suffix}.`);
  }
  if (status === 404 || status === 400) {
    return new ConfigError(
      `${host} refused the connection (HTTP ${status})${suffix}. Check the endpoint, model or deployment name.`,
    );
  }
  if (status === 429) {
    return new TemporaryError(`${host} is rate limiting requests (HTTP 429)${suffix}. Try again shortly.`);
  }
  if (status >= 500) {
    return new TemporaryError(`${host} failed to open the session (HTTP ${status})${suffix}. Try again shortly.`);
  }
  return new VoicechatError(`${host} refused the connection (HTTP ${status})${suffix}.`, ExitCode.unexpected);
}

function networkError(error: unknown, url: string): VoicechatError {
  const host = hostOf(url);
  const code = (error as { code?: string } | null)?.code;
  const why =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host not found (DNS)'
        : code === 'ECONNRESET'
          ? 'connection reset'
          : (code ?? (error instanceof Error ? error.message : String(error)));
  return new TemporaryError(`Cannot reach ${host}: ${why}.`, {
    cause: error,
    hint: 'Check your network connection and the endpoint URL.',
  });
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (): void => resolve(Buffer.concat(chunks).toString('utf8'));
    res.on('data', (chunk: Buffer) => {
      if (size < BODY_LIMIT_BYTES) chunks.push(chunk.subarray(0, BODY_LIMIT_BYTES - size));
      size += chunk.length;
    });
    res.on('end', done);
    res.on('error', done);
    setTimeout(done, 1000).unref();
  });
}

/**
 * A stalled peer (no frames, no pongs) never closes the socket by itself; ping it and cut the
 * connection when it stops answering, so the session can reconnect instead of hanging.
 */
function keepAlive(ws: WsSocket, intervalMs: number): void {
  let answered = true;
  ws.on('pong', () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (!answered) {
      clearInterval(timer);
      ws.terminate();
      return;
    }
    answered = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  ws.on('close', () => clearInterval(timer));
}

function frameText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}

/**
 * Listens from the moment the socket opens: frames that arrive with the upgrade response (a
 * server's first event) are buffered until the session attaches its listener, never lost.
 */
function wrap(ws: WsSocket): SocketPort {
  keepAlive(ws, keepAliveFromEnv(process.env));
  let onMessage: ((data: string, isBinary: boolean) => void) | undefined;
  let onClose: ((code: number, reason: string) => void) | undefined;
  const early: { text: string; isBinary: boolean }[] = [];
  let earlyClose: { code: number; reason: string } | undefined;
  ws.on('message', (data, isBinary) => {
    traceTiming('ws.frame');
    const text = frameText(data);
    if (onMessage === undefined) early.push({ text, isBinary });
    else onMessage(text, isBinary);
  });
  let failure: (Error & { code?: string }) | undefined;
  ws.on('error', (error: Error & { code?: string }) => {
    failure = error;
  });
  ws.on('close', (rawCode, reason) => {
    // ws closes with 1009 towards the peer but reports 1006 locally when *we* refused a frame
    const code = failure?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' ? 1009 : rawCode;
    if (onClose === undefined) earlyClose = { code, reason: reason.toString('utf8') };
    else onClose(code, reason.toString('utf8'));
  });
  return {
    send: (data) => {
      if (ws.readyState === ws.OPEN) ws.send(data);
    },
    close: (code, reason) => {
      if (ws.readyState === ws.CLOSED) return;
      if (code === undefined) ws.close();
      else ws.close(code, reason);
      // a peer that never answers the close handshake must not keep us alive
      setTimeout(() => ws.terminate(), 1000).unref();
    },
    onMessage: (listener) => {
      onMessage = listener;
      for (const frame of early.splice(0)) listener(frame.text, frame.isBinary);
    },
    onClose: (listener) => {
      onClose = listener;
      if (earlyClose !== undefined) listener(earlyClose.code, earlyClose.reason);
    },
    bufferedBytes: () => ws.bufferedAmount,
  };
}

/** A failure the proxy caused, told apart from the provider's; undefined when direct or not the proxy. */
function atProxy(tap: ProxyTap, url: string, errorCode?: string): VoicechatError | undefined {
  if (tap.choice.proxyUrl === undefined) return undefined;
  return proxyError({
    proxyUrl: tap.choice.proxyUrl,
    source: tap.choice.source,
    targetHost: hostOf(url),
    connectStatus: tap.connectStatus(),
    errorCode,
  });
}

/**
 * A connector that opens WebSockets with `ws` (loaded on first use so `--help` never pays for
 * it), through the proxy the environment names (curl's rules) unless `proxyOverride`
 * (`--proxy` / the `proxy` config key; `none` for direct) says otherwise.
 */
export function createWebSocketConnector(
  proxyOverride?: string,
  env: NodeJS.ProcessEnv = process.env,
): SocketConnector {
  return (endpoint, options) => openWebSocket(endpoint, options, { env, override: proxyOverride });
}

/** Opens a WebSocket through the environment's proxy, if any. */
export const connectWebSocket: SocketConnector = (endpoint, options) =>
  openWebSocket(endpoint, options, { env: process.env });

async function openWebSocket(
  endpoint: Endpoint,
  options: ConnectOptions,
  proxy: { env: NodeJS.ProcessEnv; override?: string | undefined },
): Promise<SocketPort> {
  const { WebSocket } = await import('ws');
  const tap = await createProxyTap(endpoint.url, proxy);
  return new Promise<SocketPort>((resolve, reject) => {
    let settled = false;
    const ws = new WebSocket(endpoint.url, {
      headers: endpoint.headers,
      maxPayload: options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES,
      perMessageDeflate: false,
      handshakeTimeout: options.timeoutMs,
      ...(tap.agent === undefined ? {} : { agent: tap.agent }),
    });
    const fail = (error: VoicechatError): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      reject(error);
    };
    const onAbort = (): void => fail(new TemporaryError(`Connection to ${hostOf(endpoint.url)} was aborted.`));
    const timer = setTimeout(
      () =>
        fail(
          new TemporaryError(
            `Timed out after ${Math.round(options.timeoutMs / 1000)} s connecting to ${hostOf(endpoint.url)}.`,
            { hint: 'Check your network connection, or raise --timeout.' },
          ),
        ),
      options.timeoutMs,
    );
    options.signal?.addEventListener('abort', onAbort, { once: true });
    ws.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      void readBody(res).then((body) => fail(atProxy(tap, endpoint.url) ?? upgradeError(status, endpoint.url, body)));
    });
    ws.on('error', (error: Error & { code?: string }) =>
      fail(atProxy(tap, endpoint.url, error.code) ?? networkError(error, endpoint.url)),
    );
    ws.on('open', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      ws.removeAllListeners('error');
      // after open, errors surface as a close event the session handles
      ws.on('error', () => {});
      resolve(wrap(ws));
    });
  });
}
