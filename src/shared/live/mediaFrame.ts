/**
 * Live media between the renderer and the core, over the window's own channel to the core (never
 * through a shell): the page asks for a path below the media base (a playlist or a segment) and the
 * core answers once, whole. On browser mode's socket the answer is one binary frame:
 * [u32 head length][head as JSON (UTF-8)][body bytes], so a segment is never base64 in JSON.
 */
export interface MediaAnswer {
  /** The HTTP-like status; 0 when the core could not be asked (the link to it is down). */
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** The path of the page's own origin under which the core's media addresses lie ("/media/live/..."). */
export const mediaBasePath = '/media';

/** The head of a media answer frame: which request it answers. */
export interface MediaFrameHead {
  media: number;
  status: number;
  headers: Record<string, string>;
}

/** The largest body a media answer carries (a live segment is a few hundred kB). */
export const maxMediaBodyBytes = 32 * 1024 * 1024;

export function encodeMediaFrame(head: MediaFrameHead, chunks: readonly Uint8Array[]): Uint8Array {
  const headBytes = new TextEncoder().encode(JSON.stringify(head));
  const bodyLength = chunks.reduce((n, c) => n + c.byteLength, 0);
  const frame = new Uint8Array(4 + headBytes.byteLength + bodyLength);
  new DataView(frame.buffer).setUint32(0, headBytes.byteLength);
  frame.set(headBytes, 4);
  let at = 4 + headBytes.byteLength;
  for (const c of chunks) {
    frame.set(c, at);
    at += c.byteLength;
  }
  return frame;
}

/** Reads one media answer frame; null when it is not one. */
export function decodeMediaFrame(frame: ArrayBuffer): (MediaFrameHead & { body: Uint8Array }) | null {
  if (frame.byteLength < 4) return null;
  const headLength = new DataView(frame).getUint32(0);
  if (4 + headLength > frame.byteLength) return null;
  let head: unknown;
  try {
    head = JSON.parse(new TextDecoder().decode(new Uint8Array(frame, 4, headLength)));
  } catch {
    return null;
  }
  const { media, status, headers } = (head ?? {}) as Partial<MediaFrameHead>;
  if (typeof media !== 'number' || typeof status !== 'number' || typeof headers !== 'object' || headers === null) return null;
  return { media, status, headers, body: new Uint8Array(frame, 4 + headLength) };
}

/** Joins the chunks of a streamed body. */
export function joinChunks(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
