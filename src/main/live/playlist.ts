/**
 * Rewrites a vendor HLS playlist so every URI points back at the console's media route: the player
 * sees `<channel>/<segment>` (relative to its playlist URL) and never the vendor's host or token.
 * Returns the rewritten text and the vendor URL of each segment name.
 */
export function rewriteForProxy(text: string, upstreamUrl: string, channel: string): { text: string; segments: Map<string, string> } {
  const segments = new Map<string, string>();
  const local = (uri: string): string | null => {
    let absolute: URL;
    try {
      absolute = new URL(uri, upstreamUrl);
    } catch {
      return null;
    }
    if (absolute.protocol !== 'http:' && absolute.protocol !== 'https:') return null;
    const name = decodeURIComponent(absolute.pathname.split('/').pop() ?? '');
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(name) || name === '.' || name === '..') return null;
    segments.set(name, absolute.toString());
    return `${encodeURIComponent(channel)}/${encodeURIComponent(name)}`;
  };
  const out = text.split('\n').map((line) => {
    const l = line.trim();
    if (l === '') return line;
    if (l.startsWith('#')) {
      // URI="..." attributes (keys, init segments) go through the proxy too
      return line.replace(/URI="([^"]*)"/g, (whole, uri: string) => {
        const mapped = local(uri);
        return mapped ? `URI="${mapped}"` : whole;
      });
    }
    return local(l) ?? '#dropped-uri';
  });
  return { text: out.join('\n'), segments };
}
