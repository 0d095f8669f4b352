import { AuthError, ConfigError, TemporaryError, type VoicechatError } from '../core/errors.js';
import { proxyLabel } from './proxy-resolve.js';

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

export interface ProxyFailure {
  proxyUrl: string;
  /** Where the proxy was configured (`HTTPS_PROXY`, `--proxy` …), for the hint. */
  source: string;
  targetHost: string;
  /** The proxy's status for CONNECT, when it answered one. */
  connectStatus?: number | undefined;
  /** A socket or TLS error code, when the failure was not an HTTP answer. */
  errorCode?: string | undefined;
}

/**
 * A failure at the proxy in words that name the proxy, not the provider: 407 (it wants
 * credentials), another refusal of CONNECT, unreachable, or TLS that did not verify (often a
 * proxy that inspects TLS with its own certificate). Undefined when the failure is the provider's.
 */
export function proxyError(failure: ProxyFailure): VoicechatError | undefined {
  const proxy = proxyLabel(failure.proxyUrl);
  const via = `the proxy ${proxy} (from ${failure.source})`;
  const status = failure.connectStatus;
  if (status !== undefined && status !== 200) {
    if (status === 407) {
      return new AuthError(`${via} asks for credentials (HTTP 407 Proxy Authentication Required).`, {
        hint: 'Put them in the proxy URL: --proxy http://user:password@host:port (or in HTTPS_PROXY). The provider key is not what is refused.',
      });
    }
    if (status === 502 || status === 503 || status === 504) {
      return new TemporaryError(`${via} could not reach ${failure.targetHost} (HTTP ${status}).`, {
        hint: 'The proxy is up but its way out failed; try again, or check the endpoint host.',
      });
    }
    return new ConfigError(`${via} refused to open a tunnel to ${failure.targetHost} (HTTP ${status}).`, {
      hint: `Ask for ${failure.targetHost}:443 to be allowed through the proxy, or bypass it with NO_PROXY=${failure.targetHost} or --proxy none.`,
    });
  }
  const code = failure.errorCode;
  if (code === undefined) return undefined;
  if (TLS_CODES.has(code)) {
    return new ConfigError(`TLS to ${failure.targetHost} through ${via} could not be verified (${code}).`, {
      hint: "A proxy that inspects TLS presents its own certificate: point NODE_EXTRA_CA_CERTS at your organisation's CA file (PEM).",
    });
  }
  if (status === undefined) {
    const why =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'host not found (DNS)'
          : code === 'ECONNRESET'
            ? 'connection reset'
            : code;
    return new TemporaryError(`Cannot reach ${via}: ${why}.`, {
      hint: `Check the proxy address in ${failure.source}, or connect directly with --proxy none.`,
    });
  }
  return undefined;
}
