/**
 * Where API secrets live. The app uses only the OS keychain implementation (keytar); there is no
 * plaintext fallback. Implementations throw AppError('keychain_unavailable', <what to do>) when the
 * keychain cannot be used.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** One keychain entry per connection; the value is the connection's secret. */
export function connectionAccount(connectionId: string): string {
  return `connection:${connectionId}`;
}
