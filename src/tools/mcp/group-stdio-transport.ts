import { spawn, type ChildProcess } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface StdioLaunch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string | undefined;
}

export interface GroupHooks {
  spawned(pid: number): void;
  exited(pid: number): void;
}

const STDERR_TAIL_LINES = 20;
const GRACE_MS = 1500;

/**
 * The SDK's stdio transport, but the server runs in its own process group (so a server started
 * through `npx`, a shell or a wrapper is stopped with everything it spawned) and its stderr is kept
 * (the last lines explain a failed start) instead of drawn over the TUI.
 *
 * The server inherits only the SDK's safe environment (HOME, PATH, USER, ...) plus its `env`: the
 * provider keys voicechat holds are not handed to every server.
 */
export class GroupStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #launch: StdioLaunch;
  readonly #hooks: GroupHooks;
  readonly #readBuffer = new ReadBuffer();
  readonly #stderrTail: string[] = [];
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();

  constructor(launch: StdioLaunch, hooks: GroupHooks) {
    this.#launch = launch;
    this.#hooks = hooks;
  }

  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** The last lines the server wrote to stderr. */
  stderrTail(): readonly string[] {
    return this.#stderrTail;
  }

  start(): Promise<void> {
    if (this.#child !== undefined) return Promise.reject(new Error('transport already started'));
    return new Promise((resolve, reject) => {
      const child = spawn(this.#launch.command, this.#launch.args, {
        env: { ...getDefaultEnvironment(), ...this.#launch.env },
        cwd: this.#launch.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      this.#child = child;
      this.#exited = new Promise((done) => child.once('close', () => done()));
      child.once('error', (error) => {
        reject(error);
        this.onerror?.(error);
      });
      child.once('spawn', () => {
        if (child.pid !== undefined) this.#hooks.spawned(child.pid);
        resolve();
      });
      child.once('exit', () => {
        // helpers the server left behind in its group go with it
        if (child.pid !== undefined) {
          killGroup(child.pid, 'SIGKILL');
          this.#hooks.exited(child.pid);
        }
      });
      child.once('close', () => {
        this.#child = undefined;
        this.onclose?.();
      });
      child.stdin?.on('error', (error) => this.onerror?.(error));
      child.stdout?.on('data', (chunk: Buffer) => {
        this.#readBuffer.append(chunk);
        for (;;) {
          let message: JSONRPCMessage | null;
          try {
            message = this.#readBuffer.readMessage();
          } catch (error) {
            // a server printing logs on stdout: report, keep reading
            this.onerror?.(error as Error);
            continue;
          }
          if (message === null) break;
          this.onmessage?.(message);
        }
      });
      child.stderr?.setEncoding('utf8');
      child.stderr?.on('data', (text: string) => {
        for (const line of text.split('\n')) {
          if (line.trim() === '') continue;
          this.#stderrTail.push(line.slice(0, 500));
          if (this.#stderrTail.length > STDERR_TAIL_LINES) this.#stderrTail.shift();
        }
      });
    });
  }

  send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.#child?.stdin;
    if (stdin === undefined || stdin === null || stdin.destroyed) return Promise.reject(new Error('not connected'));
    return new Promise((resolve) => {
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', resolve);
    });
  }

  /** stdin closed (the MCP way to ask a stdio server to stop), then SIGTERM, then SIGKILL, to the group. */
  async close(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    const pid = child.pid;
    child.stdin?.end();
    if (await settlesWithin(this.#exited, GRACE_MS)) return;
    if (pid !== undefined) killGroup(pid, 'SIGTERM');
    if (await settlesWithin(this.#exited, GRACE_MS)) return;
    if (pid !== undefined) killGroup(pid, 'SIGKILL');
    await settlesWithin(this.#exited, GRACE_MS);
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
