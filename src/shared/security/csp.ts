/**
 * The renderer's Content Security Policy, the same in both shells. hls.js needs blob: for media
 * and workers. The page talks to nothing but the console itself: calls go over IPC (desktop) or
 * the WebSocket of its own server (browser mode; 'self' covers ws: to the same host), live video
 * over that same link (the player's loader), and a clip's preview from the page's own origin. So injected script could
 * send data nowhere else.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Browser features the console asks for; every other permission request is denied. */
export const allowedPermissions: ReadonlySet<string> = new Set(['notifications', 'fullscreen', 'clipboard-sanitized-write']);
