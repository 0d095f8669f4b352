import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${REPO_ROOT}bin/voicechat.js`;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Every secret a test hands the CLI; `allOutput` lets a suite prove none leaked. */
export const capturedOutput: string[] = [];

/** Runs the built CLI with a clean environment (no keys from the developer's shell). */
export function runCli(
  args: string[],
  options: {
    env?: Record<string, string>;
    stdin?: string;
    timeoutMs?: number;
    nodeArgs?: string[];
    /** another checkout's bin/voicechat.js (default: this repository's) */
    bin?: string;
  } = {},
): Promise<CliResult> {
  const started = performance.now();
  const env = cliEnv(options.env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin ?? BIN, ...args], {
      env,
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      capturedOutput.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr, durationMs: performance.now() - started });
    });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}

/**
 * The environment the CLI runs with in tests: no keys from the developer's shell, plus the
 * virtual audio devices' variables (unless `extra` sets them).
 */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    NO_COLOR: '1',
    ...extra,
  };
  for (const key of ['ALSA_CONFIG_PATH', 'PULSE_SERVER', 'XDG_RUNTIME_DIR'] as const) {
    const value = process.env[key];
    if (value !== undefined && env[key] === undefined) env[key] = value;
  }
  return env;
}

/**
 * Runs the CLI (from `root`, default this repo) and sends one Ctrl+C `afterMs` after its stderr
 * first matches `when` (a second one would not be handled: the lifecycle listens once).
 * `onMatch` runs at the match. SIGKILL after `timeoutMs`.
 */
export function runCliInterrupted(
  args: string[],
  options: {
    env: Record<string, string>;
    /** Undefined: never interrupted (the command ends by itself). */
    when?: RegExp;
    afterMs?: number;
    onMatch?: () => void;
    root?: string;
    nodeArgs?: string[];
    timeoutMs?: number;
  },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const root = options.root ?? REPO_ROOT;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), `${root}/bin/voicechat.js`, ...args], {
      cwd: root,
      env: cliEnv(options.env),
    });
    let stdout = '';
    let stderr = '';
    let matched = false;
    const kill = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
      if (matched || options.when?.test(stderr) !== true) return;
      matched = true;
      options.onMatch?.();
      setTimeout(() => child.kill('SIGINT'), options.afterMs ?? 0);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(kill);
      capturedOutput.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Asserts a secret appears nowhere in a run's output. */
export function leaks(result: CliResult, secret: string): boolean {
  return result.stdout.includes(secret) || result.stderr.includes(secret);
}

/** The espeak-ng "Hello, my name is Marcelo." used as the microphone of headless runs. */
export const HELLO_WAV = `${REPO_ROOT}test/fixtures/audio/hello.wav`;

/** Arguments of a headless duplex run: `endpoint`, the hello WAV as the mic, the reply to `audioOut`. */
export function headlessArgs(endpoint: string, audioOut: string, ...extra: string[]): string[] {
  return ['--endpoint', endpoint, '--no-tui', '--input-file', HELLO_WAV, '--audio-out', audioOut, ...extra];
}
