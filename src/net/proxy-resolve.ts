import { ConfigError } from '../core/errors.js';
import { redactUrl } from '../core/secrets.js';

/** The proxy settings a connection is made with: the environment, and `--proxy`/`proxy` on top. */
export interface ProxyConfig {
  env: Readonly<Record<string, string | undefined>>;
  /** `--proxy URL` or the `proxy` config key; overrides the variables. `none` (or '') disables. */
  override?: string | undefined;
}

export interface ProxyChoice {
  /** The proxy URL to tunnel through, or undefined for a direct connection. */
  proxyUrl: string | undefined;
  /** Where the decision came from, for `--explain`, `doctor` and error messages. */
  source: string;
}

const SCHEMES = ['http:', 'https:', 'socks:', 'socks4:', 'socks4a:', 'socks5:', 'socks5h:'];

/** The first set variable among `names` (an empty value counts as unset, as in curl). */
function firstSet(env: ProxyConfig['env'], names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return { name, value };
  }
  return undefined;
}

/** A proxy URL as given (`host:port` means http://host:port); a ConfigError naming its origin. */
export function normaliseProxyUrl(raw: string, origin: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError(`${origin} is not a valid proxy URL.`, {
      hint: 'Use http://host:port (or http://user:password@host:port, https://…, socks5://…).',
    });
  }
  if (!SCHEMES.includes(url.protocol) || url.hostname === '') {
    throw new ConfigError(`${origin} has an unsupported proxy URL ${redactUrl(withScheme)}.`, {
      hint: `Use one of ${SCHEMES.map((s) => `${s}//`).join(', ')}.`,
    });
  }
  return url.toString().replace(/\/$/, '');
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' || protocol === 'wss:' ? '443' : '80';
}

/**
 * curl's NO_PROXY rules: a comma (or space) separated list; `*` alone matches every host; an
 * entry matches the host itself and its subdomains (a leading dot is ignored); an entry with
 * `:port` only matches that port; IP addresses match exactly (CIDR ranges too, as curl 7.86+).
 * `localhost` is not special: it goes through the proxy unless listed.
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port === '' ? defaultPort(target.protocol) : target.port;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const { name, entryPort } = splitEntry(entry);
    if (entryPort !== undefined && entryPort !== port) continue;
    if (name.includes('/')) {
      if (inCidr(host, name)) return true;
      continue;
    }
    const bare = name.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

function splitEntry(entry: string): { name: string; entryPort: string | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed !== null) return { name: bracketed[1] ?? '', entryPort: bracketed[2] };
  const colons = entry.split(':').length - 1;
  if (colons === 1) {
    const [name, entryPort] = entry.split(':');
    return { name: name ?? '', entryPort: entryPort === '' ? undefined : entryPort };
  }
  return { name: entry, entryPort: undefined };
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    const n = Number(part);
    if (!/^\d{1,3}$/.test(part) || n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const hostInt = ipv4ToInt(host);
  const baseInt = ipv4ToInt(base ?? '');
  if (hostInt === undefined || baseInt === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(hostInt / size) === Math.floor(baseInt / size);
}

/**
 * Which proxy, if any, a connection to `targetUrl` goes through, as curl decides: `NO_PROXY`
 * first, then the scheme's variable (`https_proxy`/`HTTPS_PROXY` for https and wss;
 * `http_proxy` for http and ws; curl ignores upper-case `HTTP_PROXY`, which CGI servers fill
 * from a request header), then `ALL_PROXY`; lower case wins over upper case. `--proxy` replaces
 * the variables but `NO_PROXY` still applies, as in curl. Pure.
 */
export function resolveProxy(targetUrl: string, config: ProxyConfig): ProxyChoice {
  const target = new URL(targetUrl);
  const override = config.override?.trim();
  const noProxy = firstSet(config.env, ['no_proxy', 'NO_PROXY']);
  if (override !== undefined && (override === '' || override.toLowerCase() === 'none')) {
    return { proxyUrl: undefined, source: '--proxy none' };
  }
  if (noProxy !== undefined && bypassesProxy(target, noProxy.value)) {
    return { proxyUrl: undefined, source: `${noProxy.name} matches ${target.hostname}` };
  }
  if (override !== undefined) return { proxyUrl: normaliseProxyUrl(override, '--proxy'), source: '--proxy' };
  const secure = target.protocol === 'https:' || target.protocol === 'wss:';
  const names = secure ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy'];
  const found = firstSet(config.env, [...names, 'all_proxy', 'ALL_PROXY']);
  if (found === undefined) return { proxyUrl: undefined, source: 'no proxy variable set' };
  return { proxyUrl: normaliseProxyUrl(found.value, found.name), source: found.name };
}

/** `host:port` of a proxy URL, without credentials, for messages. */
export function proxyLabel(proxyUrl: string): string {
  const url = new URL(proxyUrl);
  return `${url.protocol}//${url.host}`;
}

/** One line for `doctor` and `--explain`: how a connection to `targetUrl` goes out. */
export function describeProxyChoice(targetUrl: string, config: ProxyConfig): string {
  const choice = resolveProxy(targetUrl, config);
  const host = new URL(targetUrl).host;
  return choice.proxyUrl === undefined
    ? `${host}: direct (${choice.source})`
    : `${host}: through proxy ${proxyLabel(choice.proxyUrl)} (from ${choice.source})`;
}

/**
 * The `proxy` setting (`--proxy`, the config key, `VOICECHAT_PROXY`) checked once: `none` (or
 * empty) for direct, else a proxy URL; undefined leaves the choice to the environment. Throws a
 * ConfigError naming the setting, before any socket is opened.
 */
export function proxyOverrideFrom(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'none') return 'none';
  normaliseProxyUrl(trimmed, 'The proxy setting (--proxy)');
  return trimmed;
}
