import { AuthError } from '../../core/errors.js';
import { registerSecret } from '../../core/secrets.js';
import { createRequestAgent } from '../../net/proxy-agent.js';
import type { ProxyConfig } from '../../net/proxy-resolve.js';

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
export const VERTEX_LOGIN_HINT =
  'Run `gcloud auth application-default login` (and `npm install google-auth-library` if it is missing), or set VERTEX_ACCESS_TOKEN=$(gcloud auth print-access-token).';

/** The slice of google-auth-library used here, so the optional package needs no types at build time. */
interface GoogleAuthLike {
  getAccessToken(): Promise<string | null | undefined>;
  getProjectId(): Promise<string>;
}
type GoogleAuthCtor = new (options: {
  scopes: string[];
  clientOptions?: { transporterOptions?: { agent?: unknown } };
}) => GoogleAuthLike;

export interface AdcResult {
  token: string;
  /** The project of the credentials, when they name one. */
  project: string | undefined;
}

/** Loads the optional library only now, for Vertex without a token. */
async function loadGoogleAuth(): Promise<GoogleAuthCtor> {
  const specifier = 'google-auth-library';
  try {
    const module = (await import(specifier)) as { GoogleAuth?: unknown };
    if (typeof module.GoogleAuth !== 'function') throw new Error('GoogleAuth export missing');
    return module.GoogleAuth as GoogleAuthCtor;
  } catch (cause) {
    throw new AuthError(
      'No Vertex AI access token, and google-auth-library (for application default credentials) is not installed.',
      {
        cause,
        hint: VERTEX_LOGIN_HINT,
      },
    );
  }
}

/**
 * An OAuth access token from application default credentials; exit 77 with a way out when
 * none. With `proxy`, Google's token requests follow the same proxy rules as the WebSocket.
 */
export async function applicationDefaultToken(proxy?: ProxyConfig): Promise<AdcResult> {
  const GoogleAuth = await loadGoogleAuth();
  const agent =
    proxy === undefined ? undefined : await createRequestAgent(proxy, 'https://oauth2.googleapis.com/token');
  const auth = new GoogleAuth({
    scopes: [CLOUD_PLATFORM_SCOPE],
    ...(agent === undefined ? {} : { clientOptions: { transporterOptions: { agent } } }),
  });
  let token: string | null | undefined;
  try {
    token = await auth.getAccessToken();
  } catch (cause) {
    throw new AuthError('No Google Cloud credentials found for Vertex AI (application default credentials).', {
      cause,
      hint: VERTEX_LOGIN_HINT,
    });
  }
  if (token === null || token === undefined || token === '') {
    throw new AuthError('Application default credentials gave no access token for Vertex AI.', {
      hint: VERTEX_LOGIN_HINT,
    });
  }
  registerSecret(token);
  const project = await auth.getProjectId().catch(() => undefined);
  return { token, project };
}
