/** HLS stream tokens: each opens the video channels of one location (and nothing else) for a while. */
import { randomBytes } from 'node:crypto';

export const TOKEN_TTL_MS = 3_600_000;

export interface StreamToken {
  token: string;
  locationUuid: string;
  expiresAtMs: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, StreamToken>();

  constructor(private readonly now: () => number) {}

  /** 27 url-safe characters, like the doc's "9wTw-pk1VLsEGzmzaH9vOL-a6RU". */
  issue(locationUuid: string): StreamToken {
    const t: StreamToken = { token: randomBytes(20).toString('base64url'), locationUuid, expiresAtMs: this.now() + TOKEN_TTL_MS };
    this.tokens.set(t.token, t);
    return t;
  }

  /** The token if it exists and has not expired. */
  find(token: string | null): StreamToken | undefined {
    if (!token) return undefined;
    const t = this.tokens.get(token);
    if (!t) return undefined;
    if (this.now() >= t.expiresAtMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return t;
  }
}
