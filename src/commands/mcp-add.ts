import { ExitCode, UsageError, type ExitCodeValue } from '../core/errors.js';
import { describeProblem, parseMcpServers } from '../tools/mcp/config.js';
import type { McpServersStore } from './mcp-store.js';
import { printNote, printText } from './output.js';

export interface McpAddOptions {
  /** `--env KEY=VALUE` (repeatable); a value may be `${VAR}`. */
  env?: string[] | undefined;
  cwd?: string | undefined;
  /** `--url URL`: a Streamable HTTP server instead of a command. */
  url?: string | undefined;
  /** `--header "Name: value"` (repeatable). */
  header?: string[] | undefined;
  /** Replace an existing entry of the same name. */
  force?: boolean | undefined;
}

const SECRET_NAME = /key|token|secret|passw|auth|cred|cookie/i;

function pairs(items: readonly string[], separator: '=' | ':', flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf(separator);
    const key = at <= 0 ? '' : item.slice(0, at).trim();
    if (key === '')
      throw new UsageError(`${flag} "${item}" must look like ${separator === '=' ? 'KEY=VALUE' : '"Name: value"'}.`);
    out[key] = item.slice(at + 1).trim();
  }
  return out;
}

/** The raw entry `mcp add` writes, from its flags and the words after `--`. Pure. */
export function buildMcpEntry(options: McpAddOptions, commandArgv: readonly string[]): Record<string, unknown> {
  if (options.url !== undefined) {
    if (commandArgv.length > 0) throw new UsageError('Give either --url or a command after "--", not both.');
    if ((options.env ?? []).length > 0 || options.cwd !== undefined) {
      throw new UsageError('--env and --cwd apply to command servers, not to --url.');
    }
    const headers = pairs(options.header ?? [], ':', '--header');
    return Object.keys(headers).length === 0 ? { url: options.url } : { url: options.url, headers };
  }
  const [command, ...args] = commandArgv;
  if (command === undefined) {
    throw new UsageError('Say how to start the server: voicechat mcp add NAME -- COMMAND [ARGS...] (or --url URL).');
  }
  if ((options.header ?? []).length > 0) throw new UsageError('--header applies to --url servers.');
  const entry: Record<string, unknown> = { command, args };
  const env = pairs(options.env ?? [], '=', '--env');
  if (Object.keys(env).length > 0) entry['env'] = env;
  if (options.cwd !== undefined) entry['cwd'] = options.cwd;
  return entry;
}

/** Literal credentials about to be stored in plain text: worth a note naming the `${VAR}` form. */
export function literalSecretKeys(entry: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['env', 'headers']) {
    const map = entry[field];
    if (map === null || typeof map !== 'object') continue;
    for (const [key, value] of Object.entries(map as Record<string, string>)) {
      if ((field === 'headers' || SECRET_NAME.test(key)) && !value.includes('${')) out.push(`${field}.${key}`);
    }
  }
  return out;
}

/** `voicechat mcp add NAME [--env K=V] [--cwd DIR] -- CMD ARGS...` or `mcp add NAME --url URL [--header "K: V"]`. */
export async function runMcpAdd(
  store: McpServersStore,
  name: string,
  options: McpAddOptions,
  commandArgv: readonly string[],
): Promise<ExitCodeValue> {
  const entry = buildMcpEntry(options, commandArgv);
  const { problems } = parseMcpServers({ [name]: entry });
  if (problems.length > 0) throw new UsageError(problems.map(describeProblem).join('\n'));
  const existing = await store.read();
  if (Object.hasOwn(existing, name) && options.force !== true) {
    throw new UsageError(`An MCP server named "${name}" is already in ${store.label}.`, {
      hint: `Use --force to replace it, or "voicechat mcp remove ${name}" first.`,
    });
  }
  await store.write((servers) => ({ ...servers, [name]: entry }));
  printText(`Added MCP server "${name}" to ${store.label}.`);
  const literal = literalSecretKeys(entry);
  if (literal.length > 0) {
    printNote(
      `Note: ${literal.join(', ')} ${literal.length === 1 ? 'is' : 'are'} stored as plain text; ` +
        'a value like ${MY_TOKEN} is read from the environment when the server starts.',
    );
  }
  return ExitCode.ok;
}
