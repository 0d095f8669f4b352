import { assertNever } from '../core/assert-never.js';
import type { CredentialSettings } from './credentials.js';

/** Where a run would find its key, without running anything or showing it. */
export type CredentialStatus =
  | { kind: 'env'; variable: string; present: boolean }
  | { kind: 'command' }
  | { kind: 'stored' }
  | { kind: 'none'; variables: readonly string[] };

/** Mirrors `resolveCredential`'s order: apiKeyEnv, apiKeyCommand, stored key, the provider's variables. Pure. */
export function credentialStatus(
  settings: CredentialSettings,
  keyEnv: readonly string[],
  env: NodeJS.ProcessEnv,
): CredentialStatus {
  const present = (name: string): boolean => (env[name] ?? '').trim() !== '';
  if (settings.apiKeyEnv !== undefined) {
    return { kind: 'env', variable: settings.apiKeyEnv, present: present(settings.apiKeyEnv) };
  }
  if (settings.apiKeyCommand !== undefined) return { kind: 'command' };
  if (settings.apiKey !== undefined && settings.apiKey !== '') return { kind: 'stored' };
  const found = keyEnv.find(present);
  if (found !== undefined) return { kind: 'env', variable: found, present: true };
  return { kind: 'none', variables: keyEnv };
}

/** The status in a few words. Pure. */
export function describeCredentialStatus(status: CredentialStatus): string {
  switch (status.kind) {
    case 'env':
      return status.present ? `from $${status.variable} (set)` : `from $${status.variable} (NOT SET)`;
    case 'command':
      return 'from apiKeyCommand (run when needed)';
    case 'stored':
      return 'stored in the profile (--store-key)';
    case 'none':
      return status.variables.length === 0 ? 'none needed or none known' : `none: set ${status.variables.join(' or ')}`;
    default:
      return assertNever(status, 'credential status');
  }
}
