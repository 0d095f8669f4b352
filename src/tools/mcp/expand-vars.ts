import { registerSecret } from '../../core/secrets.js';
import type { McpServerConfig } from './config.js';

/**
 * `${VAR}` and `${VAR:-default}` in a server entry, replaced from the environment at start time.
 * Header values, and env values whose name or variable looks like a credential, are registered
 * for redaction before anything can print them.
 */

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const SECRET_NAME = /key|token|secret|passw|pwd|auth|cred|cookie|session|sig|bearer/i;

export class MissingVariableError extends Error {
  readonly variable: string;
  readonly field: string;
  constructor(server: string, field: string, variable: string) {
    super(`mcpServers.${server}.${field} names \${${variable}}, which is not set`);
    this.variable = variable;
    this.field = field;
  }
}

interface Expanded {
  value: string;
  variables: string[];
  /** What each reference was replaced with, to register as secrets on their own. */
  substituted: string[];
}

export function expandString(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  server: string,
  field: string,
): Expanded {
  const variables: string[] = [];
  const substituted: string[] = [];
  const value = text.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    variables.push(name);
    const found = env[name];
    const replacement = found !== undefined && found !== '' ? found : fallback;
    if (replacement === undefined) throw new MissingVariableError(server, field, name);
    substituted.push(replacement);
    return replacement;
  });
  return { value, variables, substituted };
}

function expandMap(
  map: Record<string, string>,
  env: Readonly<Record<string, string | undefined>>,
  server: string,
  field: string,
  allSecret: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(map)) {
    const { value, variables, substituted } = expandString(raw, env, server, `${field}.${key}`);
    if (allSecret || SECRET_NAME.test(key) || variables.some((v) => SECRET_NAME.test(v))) {
      // the whole value and each part: "Bearer ${TOKEN}" must hide the token wherever it appears alone
      registerSecret(value);
      for (const part of substituted) registerSecret(part);
    }
    out[key] = value;
  }
  return out;
}

/** The entry with every reference replaced; throws MissingVariableError naming server, field and variable. */
export function expandServerConfig(
  server: McpServerConfig,
  env: Readonly<Record<string, string | undefined>> = process.env,
): McpServerConfig {
  switch (server.transport) {
    case 'stdio':
      return {
        ...server,
        command: expandString(server.command, env, server.name, 'command').value,
        args: server.args.map((arg, i) => expandString(arg, env, server.name, `args[${i}]`).value),
        env: expandMap(server.env, env, server.name, 'env', false),
        cwd: server.cwd === undefined ? undefined : expandString(server.cwd, env, server.name, 'cwd').value,
      };
    case 'http': {
      const url = expandString(server.url, env, server.name, 'url');
      if (url.variables.length > 0) registerSecretQuery(url.value);
      return { ...server, url: url.value, headers: expandMap(server.headers, env, server.name, 'headers', true) };
    }
  }
}

/** A URL built from variables may carry a key in its query. */
function registerSecretQuery(url: string): void {
  try {
    for (const [name, value] of new URL(url).searchParams) if (SECRET_NAME.test(name)) registerSecret(value);
  } catch {
    // not a URL: the transport reports it
  }
}

/** For display (`mcp list`): literal values of secret-looking keys hidden, `${VAR}` references shown as written. */
export function maskValue(key: string, value: string, alwaysSecret: boolean): string {
  if (/^\$\{[^}]+\}$/.test(value)) return value;
  return alwaysSecret || SECRET_NAME.test(key) ? '***' : value;
}
