import { CspEvaluator, CspParser, Version } from '@doyensec/csp-evaluator';
import type { BrowserWindowConstructorOptions } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { callNames } from '../../src/shared/contract/calls';
import { corePortChannel } from '../../src/shared/contract/ipcChannels';
import { answerAppRequest, appEntryUrl, appOrigin, appSchemePrivileges } from '../../src/main/shell/electron/appScheme';
import { tempDir } from '../support/temp';
import { allowedPermissions, contentSecurityPolicy } from '../../src/shared/security/csp';
import { isAllowedNavigation, isPermissionAllowed, isTrustedSender } from '../../src/main/shell/electron/trust';
import { openMainWindow } from '../../src/main/shell/electron/windowOptions';

// No Electron binary can run here: the shell's decisions are plain functions tested directly.
describe('the desktop window', () => {
  it('is isolated, sandboxed, without Node, with web security on', () => {
    let seen: BrowserWindowConstructorOptions | undefined;
    class RecordingWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        seen = options;
      }
    }
    openMainWindow(RecordingWindow, '/app/out/preload/index.js');
    expect(seen?.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('accepts IPC only from its own top frame', () => {
    const app = appEntryUrl;
    expect(app).toBe('roc-app://console/index.html');
    expect(isTrustedSender({ url: `${app}#alerts`, parent: null }, app)).toBe(true);
    expect(isTrustedSender({ url: app, parent: {} }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/index.html', parent: null }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///opt/roc/out/renderer/index.html', parent: null }, app)).toBe(false);
    expect(isTrustedSender({ url: 'roc-app://other/index.html', parent: null }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
  });

  it('denies navigation away from the renderer', () => {
    const app = appEntryUrl;
    expect(isAllowedNavigation(`${app}#inventory`, app)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', app)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', app)).toBe(false);
  });

  it('grants a permission only to its own origin, and only those it uses', () => {
    const app = appEntryUrl;
    expect(isPermissionAllowed('notifications', `${appOrigin}/index.html#alerts`, app)).toBe(true);
    expect(isPermissionAllowed('fullscreen', appOrigin, app)).toBe(true); // the check handler passes an origin
    for (const other of ['https://evil.example', 'https://evil.example/index.html', 'file:///opt/roc/out/renderer/index.html', 'roc-app://other', 'null', '', undefined, null]) {
      expect(isPermissionAllowed('notifications', other, app), String(other)).toBe(false);
    }
    expect(isPermissionAllowed('media', appOrigin, app)).toBe(false);
    expect(isPermissionAllowed('geolocation', appOrigin, app)).toBe(false);
  });

  it('grants only the permissions the console needs', () => {
    expect([...allowedPermissions].sort()).toEqual(['clipboard-sanitized-write', 'fullscreen', 'notifications']);
    for (const p of ['media', 'geolocation', 'openExternal', 'midi', 'pointerLock', 'hid', 'serial', 'usb']) expect(allowedPermissions.has(p)).toBe(false);
  });
});

describe('the app scheme (the window\'s origin instead of file://)', () => {
  const rendererDir = () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    return dir;
  };
  const ask = (url: string, sources: Parameters<typeof answerAppRequest>[1], method = 'GET') => answerAppRequest({ url, method }, sources);

  it('is registered standard and secure, without bypassCSP or CORS', () => {
    expect(appSchemePrivileges).toEqual({ standard: true, secure: true, supportFetchAPI: true, stream: true });
  });

  it('serves the renderer with the CSP, and nothing outside it', async () => {
    const dir = rendererDir();
    const page = await ask(`${appOrigin}/`, { rendererDir: dir });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>console</title>');
    expect((await ask(`${appOrigin}/assets/app.js`, { rendererDir: dir })).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fsecret', '/index.html%00.js', '/%E0%A4%A']) {
      expect([400, 404], p).toContain((await ask(`${appOrigin}${p}`, { rendererDir: dir })).status);
    }
    expect((await ask('roc-app://elsewhere/index.html', { rendererDir: dir })).status).toBe(404);
    expect((await ask(`${appOrigin}/index.html`, { rendererDir: dir }, 'POST')).status).toBe(405);
  });

  it("answers a clip's /media from the core media route on the same origin, with no Access-Control-Allow-Origin; live media never (it goes over the window's port)", async () => {
    const seen: string[] = [];
    const media = async (p: string, method: string, range: string | null) => {
      seen.push(`${method} ${p} ${range}`);
      return { status: 206, headers: { 'Content-Type': 'video/mp4', 'Content-Range': 'bytes 0-3/10' }, body: new TextEncoder().encode('clip') };
    };
    const res = await answerAppRequest(
      { url: `${appOrigin}/media/clips/AAAAAAAAAAAAAAAAAAAAAAAA/clip.mp4`, method: 'GET', headers: new Headers({ range: 'bytes=0-3' }) },
      { rendererDir: rendererDir(), media },
    );
    expect(res.status).toBe(206);
    expect(await res.text()).toBe('clip');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // a live playlist or segment is refused without asking the core
    for (const p of ['/media/live/s1/c1.m3u8', '/media/live/s1/c1/seg1.ts']) {
      const live = await ask(`${appOrigin}${p}`, { rendererDir: rendererDir(), media });
      expect(live.status).toBe(404);
      expect(await live.text()).toMatch(/^Live video is not served here/);
    }
    expect(seen).toEqual(['GET /clips/AAAAAAAAAAAAAAAAAAAAAAAA/clip.mp4 bytes=0-3']);
  });

  it('the desktop shell loads no file:// page, registers no bypassCSP scheme, sends no wildcard CORS, and trusts ELECTRON_RENDERER_URL only in a dev build', () => {
    const shell = fs.readFileSync('src/main/shell/electron/app.ts', 'utf8');
    expect(shell).not.toMatch(/file:\/\/|bypassCSP|Access-Control-Allow-Origin|roc-media/);
    const envReads = shell.split('\n').filter((l) => l.includes('ELECTRON_RENDERER_URL'));
    expect(envReads).toHaveLength(1);
    expect(envReads[0]).toMatch(/import\.meta\.env\.DEV && !app\.isPackaged \? process\.env\.ELECTRON_RENDERER_URL/);
    // The built app (electron-vite build, DEV false) never reads it.
    if (fs.existsSync('out/main/index.js')) expect(fs.readFileSync('out/main/index.js', 'utf8')).not.toContain('ELECTRON_RENDERER_URL');
  });
});

describe('packaging (electron-builder)', () => {
  it('sets the Electron fuses where the app is packaged', () => {
    const config = JSON.parse(fs.readFileSync('electron-builder.json', 'utf8')) as { asar: boolean; electronFuses: Record<string, boolean> };
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});

describe('the preload', () => {
  it('exposes window.roc only: one function per contract call and a subscription per contract event, over its own port to the core, never ipcRenderer', async () => {
    const exposed = new Map<string, unknown>();
    const sent: unknown[][] = [];
    const handlers = new Map<string, (event: unknown, payload?: unknown) => void>();
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer: { send: (...args: unknown[]) => void sent.push(args), on: (channel: string, h: (event: unknown, payload?: unknown) => void) => void handlers.set(channel, h), removeListener: () => undefined },
    }));
    try {
      await import('../../src/preload/index');
    } finally {
      vi.doUnmock('electron');
    }
    expect([...exposed.keys()]).toEqual(['roc']);
    const roc = exposed.get('roc') as {
      calls: Record<string, (input: unknown, ticket?: number) => Promise<unknown>>;
      cancel(ticket: number): void;
      subscribe(name: string, l: (p: unknown) => void): () => void;
      media(path: string, ticket: number): Promise<{ status: number; headers: Record<string, string>; body: Uint8Array }>;
      cancelMedia(ticket: number): void;
    };
    expect(Object.keys(roc).sort()).toEqual(['calls', 'cancel', 'cancelMedia', 'media', 'subscribe']);
    expect(Object.keys(roc.calls).sort()).toEqual([...callNames].sort());
    for (const fn of Object.values(roc.calls)) expect(typeof fn).toBe('function');
    // It asks the main process for its port; a call waits for it, then goes over it as a message.
    expect(sent).toEqual([[corePortChannel]]);
    const answer = roc.calls['app.info']!({});
    const posted: unknown[] = [];
    const port = { onmessage: null as null | ((e: { data: unknown }) => void), postMessage: (m: unknown) => void posted.push(m), start: () => undefined, close: () => undefined };
    handlers.get(corePortChannel)!({ ports: [port] });
    await new Promise((r) => setTimeout(r, 0));
    expect(posted).toEqual([{ t: 'call', id: 1, name: 'app.info', input: {} }]);
    port.onmessage!({ data: { t: 'result-part', id: 1, part: '{"ok":true,' } });
    port.onmessage!({ data: { t: 'result', id: 1, json: '"value":{"shell":"desktop"}}' } });
    expect(await answer).toEqual({ ok: true, value: { shell: 'desktop' } });
    // A call the page gives up (by the ticket it chose) answers "cancelled" now; the core is told.
    const testing = roc.calls['connections.test']!({ id: 'c1' }, 7);
    await new Promise((r) => setTimeout(r, 0));
    roc.cancel(7);
    expect(await testing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(posted.slice(1)).toEqual([{ t: 'call', id: 2, name: 'connections.test', input: { id: 'c1' } }, { t: 'cancel', id: 2 }]);
    // Events come over the port too; the core's status comes from the main process.
    const seen: unknown[] = [];
    roc.subscribe('connections.changed', (p) => seen.push(p));
    port.onmessage!({ data: { t: 'event', json: '{"event":"connections.changed","payload":{"connections":[]}}' } });
    expect(seen).toEqual([{ connections: [] }]);
    // Live media (the page's hls.js loader) goes over the same port: its chunks come back joined, as bytes.
    const segment = roc.media('/live/s1/c1/seg1.ts', 1);
    await new Promise((r) => setTimeout(r, 0));
    expect(posted.at(-1)).toEqual({ t: 'media', id: 3, path: '/live/s1/c1/seg1.ts', method: 'GET' });
    port.onmessage!({ data: { t: 'media-head', id: 3, status: 200, headers: { 'Content-Type': 'video/mp2t' } } });
    port.onmessage!({ data: { t: 'media-body', id: 3, chunk: new Uint8Array([0x47, 1]) } });
    port.onmessage!({ data: { t: 'media-body', id: 3, chunk: new Uint8Array([2, 3]) } });
    port.onmessage!({ data: { t: 'media-end', id: 3 } });
    expect(await segment).toEqual({ status: 200, headers: { 'Content-Type': 'video/mp2t' }, body: new Uint8Array([0x47, 1, 2, 3]) });
    // hls.js gives one up: the core is told, and it answers "no answer" (status 0) now.
    const given = roc.media('/live/s1/c1/seg2.ts', 2);
    await new Promise((r) => setTimeout(r, 0));
    roc.cancelMedia(2);
    expect((await given).status).toBe(0);
    expect(posted.slice(-2)).toEqual([{ t: 'media', id: 4, path: '/live/s1/c1/seg2.ts', method: 'GET' }, { t: 'media-cancel', id: 4 }]);
    // The core restarts (a new port): what the old one had not answered is status 0 at once.
    const lost = roc.media('/live/s1/c1.m3u8', 3);
    await new Promise((r) => setTimeout(r, 0));
    handlers.get(corePortChannel)!({ ports: [{ ...port, onmessage: null }] });
    expect((await lost).status).toBe(0);
    expect(JSON.stringify(Object.keys(roc))).not.toMatch(/ipc|require|process|port/i);
  });
});

describe('the Content Security Policy', () => {
  it('allows what hls.js needs (blob: media and workers) and no inline or eval script', () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['media-src']).toContain('blob:');
    expect(directives['worker-src']).toContain('blob:');
    expect(directives['default-src']).toEqual(["'none'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it("lets the page connect to the console itself only (no https: or other hosts for injected script)", () => {
    const directives = Object.fromEntries(contentSecurityPolicy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives['connect-src']).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toMatch(/https:|http:|ws:|roc-media/);
  });

  it("draws no remark from Google's CSP evaluator but the reviewed maybe on script-src 'self'", () => {
    const findings = new CspEvaluator(new CspParser(contentSecurityPolicy).csp, Version.CSP3).evaluate();
    expect(findings.map((f) => `${f.directive} ${f.value ?? ''}`.trim())).toEqual(["script-src 'self'"]);
  });

  it('is the one in index.html and in the built page', () => {
    const source = fs.readFileSync('src/renderer/index.html', 'utf8');
    expect(source).toContain(`content="${contentSecurityPolicy}"`);
    if (fs.existsSync('out/renderer/index.html')) expect(fs.readFileSync('out/renderer/index.html', 'utf8')).toContain(`content="${contentSecurityPolicy}"`);
  });
});
