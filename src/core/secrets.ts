/**
 * Every secret the process learns is registered here so that any text leaving the process
 * (stdout, stderr, logs, recordings, error messages) can be scrubbed of it.
 */
const secrets = new Set<string>();
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined): void {
  if (value === undefined) return;
  const trimmed = value.trim();
  if (trimmed.length >= MIN_SECRET_LENGTH) secrets.add(trimmed);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('***');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join('***');
  }
  return out;
}

/** Removes credentials carried in a URL's query (key=, api-key=, access_token=…). */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    for (const name of [...parsed.searchParams.keys()]) {
      if (/key|token|secret|sig|auth/i.test(name)) parsed.searchParams.set(name, '***');
    }
    if (parsed.password !== '') parsed.password = '***';
    return redact(parsed.toString());
  } catch {
    return redact(url);
  }
}
