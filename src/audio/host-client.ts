import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Duplex } from 'node:stream';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createEmitter } from '../core/emitter.js';
import type { VoicechatError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { AudioHostError, hostReportToError } from './host-errors.js';
import { leanNodeFlags } from './host/lean-node.js';
import { encodePacket, PacketDecoder, type FromHost, type HostConfig, type ToHost } from './host/protocol.js';

export interface HostClientOptions {
  config: HostConfig;
  logger: Logger;
  /** No message (heartbeats come every 200 ms) for this long = hung host. */
  heartbeatTimeoutMs?: number;
  startupTimeoutMs?: number;
  onSpawn?: ((info: { role: string; pid: number }) => void) | undefined;
}

/** The parent's handle on one audio host process. */
export interface HostClient {
  readonly pid: number | undefined;
  readonly role: HostConfig['role'];
  /** Resolves with the device name once the host's stream runs; rejects with a typed error. */
  readonly ready: Promise<string>;
  readonly isReady: boolean;
  send(message: ToHost, payload?: Uint8Array): void;
  onMessage(listener: (message: FromHost, payload: Buffer) => void): () => void;
  /** Death, hang or stream failure after startup. Emitted once; the host is then gone. */
  onError(listener: (error: VoicechatError) => void): () => void;
  /** SIGKILL, synchronously; no error is reported for it. */
  kill(): void;
  /** Asks the host to quit (its single guarded quit()), then kills it if it lingers. */
  quit(timeoutMs?: number): Promise<void>;
}

/** The host entry beside this module: compiled JS from dist/, or TypeScript run through tsx. */
export function hostCommand(configJson: string): { command: string; args: string[] } {
  const isSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(isSource ? './host/host-main.ts' : './host/host-main.js', import.meta.url));
  const lean = leanNodeFlags();
  const args = isSource ? [...lean, '--import', tsxLoaderUrl(), entry, configJson] : [...lean, entry, configJson];
  return { command: process.execPath, args };
}

/** tsx's ESM loader, resolved from this file so the child does not depend on its cwd. */
function tsxLoaderUrl(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('tsx/package.json');
  const pkg = require(pkgPath) as { exports?: Record<string, unknown> };
  const main = typeof pkg.exports?.['.'] === 'string' ? pkg.exports['.'] : './dist/loader.mjs';
  return pathToFileURL(join(dirname(pkgPath), main)).href;
}

const CHECK_MS = 100;

export function spawnHost(options: HostClientOptions): HostClient {
  const { config, logger } = options;
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 700;
  const startupTimeoutMs = options.startupTimeoutMs ?? 15_000;
  const { command, args } = hostCommand(JSON.stringify(config));
  const child: ChildProcess = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const pipe = child.stdio[3] as Duplex;
  const messages = createEmitter<{ message: FromHost; payload: Buffer }>();
  const errors = createEmitter<VoicechatError>();
  const decoder = new PacketDecoder<FromHost>();
  let isDone = false;
  let isReady = false;
  // undefined until the first message: startup (tsx, a cold disk) gets its own, longer limit
  let lastSeenMs: number | undefined;
  let lastCheckMs = performance.now();
  let resolveReady: (name: string) => void = () => {};
  let rejectReady: (error: VoicechatError) => void = () => {};
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  ready.catch(() => {}); // surfaced through whoever awaits it; never an unhandled rejection

  if (child.pid !== undefined) options.onSpawn?.({ role: config.role, pid: child.pid });

  const stopTimers = (): void => {
    clearInterval(watchdog);
    clearTimeout(startupTimer);
  };
  const fail = (error: VoicechatError): void => {
    if (isDone) return;
    isDone = true;
    stopTimers();
    child.kill('SIGKILL');
    if (isReady) errors.emit(error);
    else rejectReady(error);
  };

  const watchdog = setInterval(() => {
    const now = performance.now();
    // our own event loop stalled: the host's silence is not its fault
    if (now - lastCheckMs > CHECK_MS * 4 && lastSeenMs !== undefined) lastSeenMs = now;
    lastCheckMs = now;
    if (lastSeenMs !== undefined && now - lastSeenMs > heartbeatTimeoutMs) {
      fail(new AudioHostError(config.role, 'unresponsive', `pid ${child.pid}`));
    }
  }, CHECK_MS);
  watchdog.unref();
  const startupTimer = setTimeout(() => {
    if (!isReady) fail(new AudioHostError(config.role, 'startup-timeout', `pid ${child.pid}`));
  }, startupTimeoutMs);
  startupTimer.unref();

  pipe.on('data', (bytes: Buffer) => {
    lastSeenMs = performance.now();
    for (const { header, payload } of decoder.push(bytes)) {
      if (header.type === 'ready') {
        isReady = true;
        resolveReady(header.deviceName);
      } else if (header.type === 'error') {
        fail(hostReportToError(header.kind, header.message, header.validNames));
      }
      messages.emit({ message: header, payload });
    }
  });
  pipe.on('error', () => {});
  if (child.stderr !== null) {
    createInterface({ input: child.stderr }).on('line', (line) => logger.debug(`[audio ${config.role}] ${line}`));
  }
  child.on('error', (error) => fail(new AudioHostError(config.role, 'exited', error.message)));
  child.on('exit', (code, signal) => {
    fail(new AudioHostError(config.role, 'exited', signal === null ? `exit code ${code}` : `signal ${signal}`));
  });

  const send = (message: ToHost, payload?: Uint8Array): void => {
    if (isDone || pipe.destroyed) return;
    pipe.write(encodePacket(message, payload));
  };

  return {
    get pid() {
      return child.pid;
    },
    role: config.role,
    ready,
    get isReady() {
      return isReady && !isDone;
    },
    send,
    onMessage(listener) {
      return messages.subscribe(({ message, payload }) => listener(message, payload));
    },
    onError: (listener) => errors.subscribe(listener),
    kill() {
      if (isDone) return;
      isDone = true;
      stopTimers();
      child.kill('SIGKILL');
      rejectReady(new AudioHostError(config.role, 'exited', 'killed'));
    },
    async quit(timeoutMs = 500) {
      if (isDone) return;
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ type: 'quit' });
      isDone = true;
      stopTimers();
      rejectReady(new AudioHostError(config.role, 'exited', 'stopped'));
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
