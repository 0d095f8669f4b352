/**
 * The `mcpServers` shape people already keep for editors and agents, parsed and checked. Pure: no
 * environment is read here (see expand-vars.ts), so `mcp list` can show a config whose variables
 * are not set.
 */

export interface StdioServerConfig {
  transport: 'stdio';
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string | undefined;
  disabled: boolean;
}

export interface HttpServerConfig {
  transport: 'http';
  name: string;
  url: string;
  headers: Record<string, string>;
  disabled: boolean;
}

export type McpServerConfig = StdioServerConfig | HttpServerConfig;

export interface McpConfigProblem {
  server: string;
  field: string;
  message: string;
}

export interface ParsedMcpServers {
  servers: McpServerConfig[];
  /** One per bad entry; the good entries are still usable. */
  problems: McpConfigProblem[];
}

/** `name` must be usable in `server/tool` allow-list keys and in qualified tool names. */
const SERVER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const KNOWN_TYPES = ['stdio', 'http', 'streamable-http', 'streamableHttp'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function stringMap(
  value: unknown,
  server: string,
  field: string,
  problems: McpConfigProblem[],
): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    problems.push({ server, field, message: 'must be an object of strings' });
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'number' || typeof entry === 'boolean') out[key] = String(entry);
    else if (typeof entry === 'string') out[key] = entry;
    else {
      problems.push({ server, field: `${field}.${key}`, message: 'must be a string' });
      return undefined;
    }
  }
  return out;
}

function parseEntry(name: string, raw: unknown, problems: McpConfigProblem[]): McpServerConfig | undefined {
  if (!SERVER_NAME.test(name)) {
    problems.push({
      server: name,
      field: 'name',
      message: 'use letters, digits, "_", "." or "-" (at most 64, starting with a letter or digit)',
    });
    return undefined;
  }
  if (!isRecord(raw)) {
    problems.push({ server: name, field: '', message: 'must be an object with "command" or "url"' });
    return undefined;
  }
  const before = problems.length;
  const type = raw['type'] ?? raw['transport'];
  const disabled = raw['disabled'] === true;
  if (type === 'sse') {
    problems.push({
      server: name,
      field: 'type',
      message: 'the legacy SSE transport is not supported; use the server\'s Streamable HTTP endpoint ("url")',
    });
    return undefined;
  }
  if (type !== undefined && !(typeof type === 'string' && KNOWN_TYPES.includes(type))) {
    problems.push({
      server: name,
      field: 'type',
      message: `unknown transport ${JSON.stringify(type)} (use stdio or http)`,
    });
    return undefined;
  }
  const hasCommand = raw['command'] !== undefined;
  const hasUrl = raw['url'] !== undefined;
  if (hasCommand && hasUrl) {
    problems.push({
      server: name,
      field: 'command',
      message: 'give either "command" (stdio) or "url" (HTTP), not both',
    });
    return undefined;
  }
  if (hasUrl || type === 'http' || type === 'streamable-http' || type === 'streamableHttp') {
    const url = raw['url'];
    if (typeof url !== 'string' || url.trim() === '') {
      problems.push({ server: name, field: 'url', message: 'must be an http(s) URL' });
      return undefined;
    }
    // a URL made of variables is checked after expansion
    if (!url.includes('${') && !/^https?:\/\/[^/]/i.test(url)) {
      problems.push({ server: name, field: 'url', message: 'must start with http:// or https://' });
    }
    const headers = stringMap(raw['headers'], name, 'headers', problems);
    if (problems.length > before || headers === undefined) return undefined;
    return { transport: 'http', name, url, headers, disabled };
  }
  const command = raw['command'];
  if (typeof command !== 'string' || command.trim() === '') {
    problems.push({ server: name, field: 'command', message: 'must be a non-empty string (or give "url")' });
    return undefined;
  }
  const argsRaw = raw['args'] ?? [];
  if (!Array.isArray(argsRaw) || !argsRaw.every((a) => typeof a === 'string' || typeof a === 'number')) {
    problems.push({ server: name, field: 'args', message: 'must be an array of strings' });
    return undefined;
  }
  const env = stringMap(raw['env'], name, 'env', problems);
  const cwd = raw['cwd'];
  if (cwd !== undefined && (typeof cwd !== 'string' || cwd === '')) {
    problems.push({ server: name, field: 'cwd', message: 'must be a directory path' });
  }
  if (problems.length > before || env === undefined) return undefined;
  return {
    transport: 'stdio',
    name,
    command,
    args: argsRaw.map(String),
    env,
    cwd: typeof cwd === 'string' ? cwd : undefined,
    disabled,
  };
}

/** Parses an `mcpServers` object; unknown keys in an entry (editor-specific extras) are ignored. */
export function parseMcpServers(value: unknown): ParsedMcpServers {
  const problems: McpConfigProblem[] = [];
  if (value === undefined || value === null) return { servers: [], problems };
  if (!isRecord(value)) {
    return {
      servers: [],
      problems: [{ server: '', field: 'mcpServers', message: 'must be an object keyed by server name' }],
    };
  }
  const servers: McpServerConfig[] = [];
  for (const [name, raw] of Object.entries(value)) {
    const server = parseEntry(name, raw, problems);
    if (server !== undefined) servers.push(server);
  }
  return { servers, problems };
}

export interface McpConfigFile extends ParsedMcpServers {
  allowTools: string[];
}

/**
 * `--mcp-config FILE`: a whole editor/agent config (`{ "mcpServers": {...}, ... }`), VS Code's
 * `{ "servers": {...} }`, or a bare `mcpServers` object.
 */
export function parseMcpConfigText(text: string): McpConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      servers: [],
      allowTools: [],
      problems: [{ server: '', field: '', message: `not valid JSON: ${(error as Error).message}` }],
    };
  }
  if (!isRecord(json)) {
    return { servers: [], allowTools: [], problems: [{ server: '', field: '', message: 'must be a JSON object' }] };
  }
  const block = json['mcpServers'] ?? json['servers'] ?? json;
  const parsed = parseMcpServers(block);
  const allow = parseAllowTools(json['allowTools']);
  return { servers: parsed.servers, allowTools: allow.allowTools, problems: [...parsed.problems, ...allow.problems] };
}

const ALLOW_ENTRY = /^[^/\s]+\/[^/\s]+$|^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `allowTools: ["server/tool", "server/*", ...]`. */
export function parseAllowTools(value: unknown): { allowTools: string[]; problems: McpConfigProblem[] } {
  if (value === undefined) return { allowTools: [], problems: [] };
  if (!Array.isArray(value)) {
    return {
      allowTools: [],
      problems: [{ server: '', field: 'allowTools', message: 'must be an array of "server/tool"' }],
    };
  }
  const problems: McpConfigProblem[] = [];
  const allowTools: string[] = [];
  value.forEach((entry, i) => {
    if (typeof entry === 'string' && ALLOW_ENTRY.test(entry)) allowTools.push(entry);
    else
      problems.push({ server: '', field: `allowTools[${i}]`, message: 'must look like "server/tool" or "server/*"' });
  });
  return { allowTools, problems };
}

/** One line per problem, naming the server and field, for errors and notices. */
export function describeProblem(problem: McpConfigProblem): string {
  const where =
    problem.server === ''
      ? problem.field
      : `mcpServers.${problem.server}${problem.field === '' || problem.field === 'name' ? '' : `.${problem.field}`}`;
  return `${where}: ${problem.message}`;
}

/** Later sources win per server name (config < profile < --mcp-config). */
export function mergeMcpServers(...layers: readonly (readonly McpServerConfig[])[]): McpServerConfig[] {
  const byName = new Map<string, McpServerConfig>();
  for (const layer of layers) for (const server of layer) byName.set(server.name, server);
  return [...byName.values()];
}
