import { execFile } from 'node:child_process';
import { ConfigError, AuthError } from '../core/errors.js';
import { registerSecret } from '../core/secrets.js';

export interface Credential {
  value: string;
  /** Where it came from, for messages: a variable name, "command" or "profile". */
  source: string;
}

export interface CredentialSettings {
  apiKeyEnv?: string | undefined;
  apiKeyCommand?: string | undefined;
  apiKey?: string | undefined;
}

const COMMAND_TIMEOUT_MS = 15_000;

/** Runs the user's key command (e.g. a password manager); its stdout, trimmed, is the key. */
export function runKeyCommand(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('/bin/sh', ['-c', command], { timeout: COMMAND_TIMEOUT_MS, maxBuffer: 64 * 1024 }, (error, stdout) => {
      if (error !== null) {
        reject(
          new ConfigError(`The API key command failed (${error.code ?? error.signal ?? 'error'}).`, {
            hint: 'Run the apiKeyCommand of your profile by hand to see what is wrong.',
          }),
        );
        return;
      }
      const key = stdout.trim();
      if (key === '') {
        reject(new AuthError('The API key command printed nothing.', { hint: 'It must print the key on stdout.' }));
        return;
      }
      resolve(key);
    });
  });
}

/**
 * Finds the key: an explicit variable, then a command, then a stored key, then the provider's
 * usual variables. Every key found is registered for redaction before anything else sees it.
 */
export async function resolveCredential(
  settings: CredentialSettings,
  defaultEnvNames: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Credential | undefined> {
  if (settings.apiKeyEnv !== undefined) {
    const value = env[settings.apiKeyEnv];
    if (value === undefined || value.trim() === '') return undefined;
    registerSecret(value);
    return { value: value.trim(), source: settings.apiKeyEnv };
  }
  if (settings.apiKeyCommand !== undefined) {
    const value = await runKeyCommand(settings.apiKeyCommand);
    registerSecret(value);
    return { value, source: 'apiKeyCommand' };
  }
  if (settings.apiKey !== undefined && settings.apiKey !== '') {
    registerSecret(settings.apiKey);
    return { value: settings.apiKey, source: 'profile' };
  }
  for (const name of defaultEnvNames) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') {
      registerSecret(value);
      return { value: value.trim(), source: name };
    }
  }
  return undefined;
}

/** The variables a user could set, for "missing key" messages. */
export function credentialNames(settings: CredentialSettings, defaultEnvNames: readonly string[]): string {
  if (settings.apiKeyEnv !== undefined) return settings.apiKeyEnv;
  return defaultEnvNames.join(' or ');
}

/** Registers every value of the usual key variables, so even unused keys never leak. */
export function registerEnvSecrets(env: NodeJS.ProcessEnv, names: readonly string[]): void {
  for (const name of names) registerSecret(env[name]);
}
