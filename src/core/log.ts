import { appendFileSync } from 'node:fs';
import { redact } from './secrets.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Diagnostics sink. Never writes to stdout: stdout belongs to the reply text or the TUI. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level: LogLevel;
  /** A file receives the log instead of stderr (the TUI owns the terminal). */
  file?: string | undefined;
  stderr?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const threshold = ORDER[options.level];
  const stderr = options.stderr ?? process.stderr;
  const write = (level: LogLevel, message: string): void => {
    if (ORDER[level] < threshold) return;
    const line = `${new Date().toISOString()} ${level} ${redact(message)}\n`;
    if (options.file !== undefined) {
      try {
        appendFileSync(options.file, line);
        return;
      } catch {
        // fall back to stderr when the log file cannot be written
      }
    }
    stderr.write(line);
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
