import type { PartialSettings } from './settings.js';

/** The profile a run uses: the named one, else the default profile, else none. */
export function readProfile(
  name: string | undefined,
  _env: NodeJS.ProcessEnv,
): Promise<{ name: string; settings: PartialSettings } | undefined> {
  if (name === undefined) return Promise.resolve(undefined);
  return Promise.reject(new Error('profiles are not wired yet'));
}
