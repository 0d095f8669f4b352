import { chmod, copyFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { ConfigError } from '../core/errors.js';
import { configFilePath } from './config-dir.js';
import { parseConfigText, serializeConfig, type ConfigData } from './config-file.js';

export interface LoadedConfig {
  path: string;
  exists: boolean;
  data: ConfigData;
}

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

export function configPathFor(env: NodeJS.ProcessEnv): string {
  return configFilePath(env, process.platform, homedir());
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read the config file ${path}: ${(error as Error).message}.`, { cause: error });
  }
}

/** Reads and checks the config file ourselves (conf would reset a broken file); missing = empty. */
export async function readConfig(env: NodeJS.ProcessEnv): Promise<LoadedConfig> {
  const path = configPathFor(env);
  const text = await readText(path);
  if (text === undefined) return { path, exists: false, data: {} };
  return { path, exists: true, data: parseConfigText(text, path) };
}

/**
 * Changes the config: a broken file is refused (never overwritten), the previous file is kept as
 * `config.json.bak`, and conf writes the new one atomically with mode 0600.
 */
export async function updateConfig(
  env: NodeJS.ProcessEnv,
  change: (data: ConfigData) => ConfigData,
): Promise<LoadedConfig & { backup: string | undefined }> {
  const current = await readConfig(env);
  const next = change(structuredClone(current.data));
  // what we write must read back cleanly
  parseConfigText(serializeConfig(next), current.path);
  await mkdir(dirname(current.path), { recursive: true, mode: DIR_MODE });
  let backup: string | undefined;
  if (current.exists) {
    backup = `${current.path}.bak`;
    await copyFile(current.path, backup);
    await chmod(backup, FILE_MODE).catch(() => {});
  }
  const { default: Conf } = await import('conf');
  const store = new Conf<Record<string, unknown>>({
    cwd: dirname(current.path),
    configName: 'config',
    fileExtension: 'json',
    configFileMode: FILE_MODE,
    accessPropertiesByDotNotation: false,
    clearInvalidConfig: false,
    serialize: (value) => serializeConfig(value),
    deserialize: (text) => parseConfigText(text, current.path) as Record<string, unknown>,
  });
  store.store = next as Record<string, unknown>;
  await chmod(current.path, FILE_MODE).catch(() => {});
  return { path: current.path, exists: true, data: next, backup };
}
