import type { LoaderCallbacks, LoaderConfiguration, LoaderContext, LoaderStats } from 'hls.js';
import { describe, expect, it } from 'vitest';
import { coreLoader, mediaPathOf, type AskCoreMedia } from '../../src/renderer/src/features/live/coreLoader';
import type { MediaAnswer } from '../../src/shared/live/mediaFrame';

// hls.js' loader contract, driven as hls.js drives it; the core's side is a function of the test.
const config = (maxLoadTimeMs = 10_000) => ({ loadPolicy: { maxTimeToFirstByteMs: maxLoadTimeMs, maxLoadTimeMs, timeoutRetry: null, errorRetry: null }, timeout: maxLoadTimeMs, maxRetry: 0, retryDelay: 0, maxRetryDelay: 0 }) as LoaderConfiguration;
const context = (url: string, responseType: 'text' | 'arraybuffer'): LoaderContext => ({ url, responseType, type: 'level' as LoaderContext['type'] });
const answer = (status: number, body: string | Uint8Array, headers: Record<string, string> = {}): MediaAnswer => ({ status, headers, body: typeof body === 'string' ? new TextEncoder().encode(body) : body });

function record() {
  const seen: Array<{ kind: string; data?: unknown; code?: number; text?: string; stats?: LoaderStats }> = [];
  const callbacks: LoaderCallbacks<LoaderContext> = {
    onSuccess: (response, stats) => void seen.push({ kind: 'success', data: response.data, code: response.code, stats }),
    onError: (error) => void seen.push({ kind: 'error', code: error.code, text: error.text }),
    onTimeout: () => void seen.push({ kind: 'timeout' }),
    onAbort: () => void seen.push({ kind: 'abort' }),
  };
  return { seen, callbacks };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the live player's loader: playlists and segments from the core over the page's own link", () => {
  it('asks for the path below /media; a playlist comes as text, a segment as bytes', async () => {
    const asked: string[] = [];
    const source: AskCoreMedia = async (path) => {
      asked.push(path);
      return path.endsWith('.m3u8') ? answer(200, '#EXTM3U\nc1/seg1.ts\n') : answer(200, new Uint8Array([0x47, 1, 2]));
    };
    const Loader = coreLoader(source);
    const playlist = record();
    new Loader({} as never).load(context('http://127.0.0.1:5/media/live/s1/c1.m3u8', 'text'), config(), playlist.callbacks);
    const segment = record();
    new Loader({} as never).load(context('http://127.0.0.1:5/media/live/s1/c1/seg1.ts', 'arraybuffer'), config(), segment.callbacks);
    await settle();
    expect(asked).toEqual(['/live/s1/c1.m3u8', '/live/s1/c1/seg1.ts']);
    expect(playlist.seen).toMatchObject([{ kind: 'success', data: '#EXTM3U\nc1/seg1.ts\n', code: 200 }]);
    expect(segment.seen).toHaveLength(1);
    expect([...new Uint8Array(segment.seen[0]!.data as ArrayBuffer)]).toEqual([0x47, 1, 2]);
    expect(segment.seen[0]!.stats!.loaded).toBe(3);
  });

  it("passes the core's status and words on as hls.js' error (401/403: the player says 'auth failed'); status 0 when the core cannot be asked", async () => {
    const statuses = [answer(401, JSON.stringify({ error: 'RetailNext refused the stream token' })), answer(0, '')];
    const Loader = coreLoader(async () => statuses.shift()!);
    const refused = record();
    new Loader({} as never).load(context('/media/live/s1/c1.m3u8', 'text'), config(), refused.callbacks);
    const unreachable = record();
    new Loader({} as never).load(context('/media/live/s1/c1.m3u8', 'text'), config(), unreachable.callbacks);
    await settle();
    expect(refused.seen).toEqual([{ kind: 'error', code: 401, text: 'RetailNext refused the stream token' }]);
    expect(unreachable.seen).toEqual([{ kind: 'error', code: 0, text: 'the console could not be asked for the stream' }]);
  });

  it('abort() gives the request up (its signal tells the core) and a late answer is dropped', async () => {
    let signal: AbortSignal | null = null;
    let reply: (a: MediaAnswer) => void = () => undefined;
    const Loader = coreLoader((_path, s) => ((signal = s), new Promise((resolve) => (reply = resolve))));
    const { seen, callbacks } = record();
    const loader = new Loader({} as never);
    loader.load(context('/media/live/s1/c1/seg1.ts', 'arraybuffer'), config(), callbacks);
    expect(signal!.aborted).toBe(false);
    loader.abort();
    expect(signal!.aborted).toBe(true);
    expect(loader.stats.aborted).toBe(true);
    reply(answer(200, new Uint8Array([0x47])));
    await settle();
    expect(seen).toEqual([{ kind: 'abort' }]);
  });

  it("an answer later than hls.js' load policy allows is a timeout, and the request is given up", async () => {
    let signal: AbortSignal | null = null;
    const Loader = coreLoader((_path, s) => ((signal = s), new Promise<MediaAnswer>(() => undefined)));
    const { seen, callbacks } = record();
    new Loader({} as never).load(context('/media/live/s1/c1.m3u8', 'text'), config(30), callbacks);
    await new Promise((r) => setTimeout(r, 80));
    expect(seen).toEqual([{ kind: 'timeout' }]);
    expect(signal!.aborted).toBe(true);
  });

  it('reads the media path of an address, and nothing else', () => {
    expect(mediaPathOf('/media/live/s1/c1.m3u8', 'http://127.0.0.1:5/')).toBe('/live/s1/c1.m3u8');
    expect(mediaPathOf('roc-app://console/media/live/s1/c1/seg1.ts')).toBe('/live/s1/c1/seg1.ts');
    expect(mediaPathOf('https://vendor.example/v1/hls/c1.m3u8')).toBeNull();
    expect(mediaPathOf('/mediax/live/s1.m3u8', 'http://127.0.0.1:5/')).toBeNull();
  });
});
