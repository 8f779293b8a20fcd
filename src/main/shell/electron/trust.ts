import { allowedPermissions } from '../../../shared/security/csp';

/**
 * Whether an IPC message comes from the console's own page: the top frame, loaded from the
 * app's renderer URL (the app scheme's index.html).
 */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, rendererUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  return sameDocument(frame.url, rendererUrl);
}

/** Navigation is allowed only within the renderer's own document (hash routes). */
export function isAllowedNavigation(target: string, rendererUrl: string): boolean {
  return sameDocument(target, rendererUrl);
}

/**
 * Whether to grant a permission: one the console uses, asked by the console's own origin (a frame
 * or window of any other origin gets nothing). `requesting` is a URL or an origin.
 */
export function isPermissionAllowed(permission: string, requesting: string | undefined | null, rendererUrl: string): boolean {
  if (!allowedPermissions.has(permission) || !requesting) return false;
  const a = originOf(requesting);
  return a !== null && a === originOf(rendererUrl);
}

/** scheme://host, also for custom schemes (whose WHATWG `origin` is "null"). */
function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

function sameDocument(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host && x.pathname === y.pathname;
  } catch {
    return false;
  }
}
