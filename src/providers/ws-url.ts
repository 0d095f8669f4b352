import { ConfigError } from '../core/errors.js';
import { redactUrl } from '../core/secrets.js';

/**
 * Parses an endpoint and gives its WebSocket form (http -> ws, https -> wss; ws(s) kept), or a
 * ConfigError that shows the user an example of what is expected.
 */
export function toWebSocketUrl(raw: string, example: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (cause) {
    throw new ConfigError(`Invalid endpoint URL "${redactUrl(raw)}".`, {
      cause,
      hint: `Pass an http(s):// or ws(s):// URL, e.g. --endpoint ${example}`,
    });
  }
  switch (url.protocol) {
    case 'https:':
      url.protocol = 'wss:';
      return url;
    case 'http:':
      url.protocol = 'ws:';
      return url;
    case 'wss:':
    case 'ws:':
      return url;
    default:
      throw new ConfigError(`Unsupported endpoint scheme "${url.protocol}" in ${url.host}.`, {
        hint: `Use http(s):// or ws(s)://, e.g. --endpoint ${example}`,
      });
  }
}
