/**
 * Where API secrets live. The app uses only the OS keychain implementation (keytar); there is no
 * plaintext fallback. Implementations throw AppError('keychain_unavailable', <what to do>) when the
 * keychain cannot be used.
 */
export interface SecretStore {
  /** `signal`: the call's; once it aborts, a read still waiting for the keychain is given up, never made. */
  get(account: string, options?: { signal?: AbortSignal }): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** One keychain entry per connection; the value is the connection's secret. */
export function connectionAccount(connectionId: string): string {
  return `connection:${connectionId}`;
}
