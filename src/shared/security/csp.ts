/**
 * The renderer's Content Security Policy, the same in both shells. hls.js needs blob: for media
 * and workers; live streams and exports come from vendor hosts over https (or the loopback
 * simulator), so only those are allowed to connect.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self' https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Browser features the console asks for; every other permission request is denied. */
export const allowedPermissions: ReadonlySet<string> = new Set(['notifications', 'fullscreen', 'clipboard-sanitized-write']);
