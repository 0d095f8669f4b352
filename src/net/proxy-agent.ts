import type { Agent, ClientRequest } from 'node:http';
import { registerSecret } from '../core/secrets.js';
import { resolveProxy, type ProxyChoice, type ProxyConfig } from './proxy-resolve.js';

/** One connection's proxy: the agent to hand to `ws`/`https`, and what happened at the proxy. */
export interface ProxyTap {
  choice: ProxyChoice;
  /** Undefined for a direct connection. */
  agent: Agent | undefined;
  /** The status of the proxy's answer to CONNECT, once it came (200 = tunnel open). */
  connectStatus(): number | undefined;
}

/** Passwords in proxy URLs are secrets like any key: never printed, logged or recorded. */
function registerProxyCredentials(proxyUrl: string | undefined): void {
  if (proxyUrl === undefined) return;
  const url = new URL(proxyUrl);
  registerSecret(decodeURIComponent(url.password));
}

/**
 * An agent from `proxy-agent` (TooTallNate's, loaded only when a proxy is in play) whose
 * choice of proxy is ours (`resolveProxy`, curl's rules), and which records the proxy's answer
 * to CONNECT so a refusal by the proxy is never mistaken for one by the provider. WebSocket
 * upgrades always tunnel with CONNECT, so the request line and headers (the key) travel inside
 * the tunnel; for wss they are also inside TLS that ends at the provider, not at the proxy.
 */
export async function createProxyTap(targetUrl: string, config: ProxyConfig): Promise<ProxyTap> {
  const choice = resolveProxy(targetUrl, config);
  registerProxyCredentials(choice.proxyUrl);
  if (choice.proxyUrl === undefined) return { choice, agent: undefined, connectStatus: () => undefined };
  const { ProxyAgent } = await import('proxy-agent');
  let status: number | undefined;
  const agent = new ProxyAgent({
    getProxyForUrl: (url: string, req: ClientRequest) => {
      const chosen = resolveProxy(url, config).proxyUrl;
      if (chosen !== undefined) {
        req.once('proxyConnect', (connect: { statusCode?: number }) => {
          status = connect.statusCode;
        });
      }
      return chosen ?? '';
    },
  });
  return { choice, agent, connectStatus: () => status };
}

/**
 * An agent for HTTP clients that make several requests (token fetches) with the same rules.
 * Always an agent, also when every request goes direct: a client left without one would read
 * the proxy variables by its own rules and ignore `--proxy none`.
 */
export async function createRequestAgent(config: ProxyConfig, probeUrl: string): Promise<Agent> {
  registerProxyCredentials(resolveProxy(probeUrl, config).proxyUrl);
  const { ProxyAgent } = await import('proxy-agent');
  return new ProxyAgent({ getProxyForUrl: (url: string) => resolveProxy(url, config).proxyUrl ?? '' });
}

/** `@azure/identity`'s `proxyOptions` for a proxy URL (it takes host and port apart). */
export function azureProxyOptions(proxyUrl: string): {
  host: string;
  port: number;
  username?: string;
  password?: string;
} {
  const url = new URL(proxyUrl);
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  const options: { host: string; port: number; username?: string; password?: string } = {
    host: `${url.protocol}//${url.hostname}`,
    port,
  };
  if (url.username !== '') options.username = decodeURIComponent(url.username);
  if (url.password !== '') options.password = decodeURIComponent(url.password);
  return options;
}
