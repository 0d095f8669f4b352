import { Chalk, type ChalkInstance } from 'chalk';
import { redact } from '../core/secrets.js';

/** Colours for stdout: none when NO_COLOR is set or stdout is not a terminal. */
export function stdoutStyle(): ChalkInstance {
  const useColour = process.env['NO_COLOR'] === undefined && process.stdout.isTTY === true;
  return new Chalk({ level: useColour ? 1 : 0 });
}

/** Writes text to stdout, scrubbed of every registered secret, ending with a newline. */
export function printText(text: string): void {
  process.stdout.write(`${redact(text)}${text.endsWith('\n') ? '' : '\n'}`);
}

/** Writes one JSON document to stdout, scrubbed of every registered secret. */
export function printJson(value: unknown): void {
  process.stdout.write(`${redact(JSON.stringify(value, undefined, 2))}\n`);
}

/** A note for the user on stderr (warnings, what was saved where). */
export function printNote(text: string): void {
  process.stderr.write(`${redact(text)}\n`);
}

export function isJson(options: Record<string, unknown>): boolean {
  return options['json'] === true;
}

export function optionString(options: Record<string, unknown>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' ? value : undefined;
}
