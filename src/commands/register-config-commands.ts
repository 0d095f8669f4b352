import type { Command } from 'commander';
import type { ExitCodeValue } from '../core/errors.js';

/** Registers profile, config, providers, voices, models and doctor (filled in by the config work). */
export function registerConfigCommands(_program: Command, _setExit: (code: ExitCodeValue) => void): void {}
