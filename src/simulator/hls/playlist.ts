/**
 * hls.js resolves segment URIs against the playlist URL but does not carry its query string over,
 * so the token must be written into every URI of the playlist.
 */
export function rewritePlaylist(text: string, channelUuid: string, token: string): string {
  const q = `token=${encodeURIComponent(token)}`;
  return text
    .split('\n')
    .map((line) => {
      const l = line.trim();
      if (l === '' || l.startsWith('#')) return line;
      // relative to /v1/hls/<channel>.m3u8 this is /v1/hls/<channel>/<segment>
      return `${encodeURIComponent(channelUuid)}/${l}${l.includes('?') ? '&' : '?'}${q}`;
    })
    .join('\n');
}

/** #EXT-X-MEDIA-SEQUENCE and the number of segments listed. */
export function playlistPosition(text: string): { mediaSequence: number; segments: number } {
  const m = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text);
  const segments = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')).length;
  return { mediaSequence: m ? Number(m[1]) : 0, segments };
}
