import { CspEvaluator, CspParser, Version } from '@doyensec/csp-evaluator';
import type { BrowserWindowConstructorOptions } from 'electron';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allowedPermissions, contentSecurityPolicy } from '../../src/shared/security/csp';
import { isAllowedNavigation, isTrustedSender } from '../../src/main/shell/electron/trust';
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
    const app = 'file:///opt/roc/out/renderer/index.html';
    expect(isTrustedSender({ url: `${app}#alerts`, parent: null }, app)).toBe(true);
    expect(isTrustedSender({ url: app, parent: {} }, app)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/index.html', parent: null }, app)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/other/index.html', parent: null }, app)).toBe(false);
    expect(isTrustedSender(null, app)).toBe(false);
  });

  it('denies navigation away from the renderer', () => {
    const app = 'file:///opt/roc/out/renderer/index.html';
    expect(isAllowedNavigation(`${app}#inventory`, app)).toBe(true);
    expect(isAllowedNavigation('https://example.com/', app)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', app)).toBe(false);
    expect(isAllowedNavigation('javascript:alert(1)', app)).toBe(false);
  });

  it('grants only the permissions the console needs', () => {
    expect([...allowedPermissions].sort()).toEqual(['clipboard-sanitized-write', 'fullscreen', 'notifications']);
    for (const p of ['media', 'geolocation', 'openExternal', 'midi', 'pointerLock', 'hid', 'serial', 'usb']) expect(allowedPermissions.has(p)).toBe(false);
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
