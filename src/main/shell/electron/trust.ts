/**
 * Whether an IPC message comes from the console's own page: the top frame, loaded from the
 * app's renderer URL (a file:// page of the bundle, or the dev server in development).
 */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined, rendererUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  return sameDocument(frame.url, rendererUrl);
}

/** Navigation is allowed only within the renderer's own document (hash routes). */
export function isAllowedNavigation(target: string, rendererUrl: string): boolean {
  return sameDocument(target, rendererUrl);
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
