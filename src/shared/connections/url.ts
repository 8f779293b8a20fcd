/**
 * Credentials may travel over plain http only to this machine (the simulator, a local proxy).
 * Returns a user-facing reason when the address is not acceptable, or null when it is.
 */
export function baseUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'This is not a valid web address (it should look like https://host/path).';
  }
  if (url.username || url.password) return 'Put credentials in their own fields, not in the address.';
  if (url.search || url.hash) return 'The address must not carry a query (?...) or fragment (#...).';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:') {
    return isLoopbackHost(url.hostname)
      ? null
      : 'Plain http would send your credentials unencrypted; use https (http is allowed only for this machine: 127.0.0.1, localhost).';
  }
  return 'Only https addresses are supported.';
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}
