import Ajv from 'ajv';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder.json checked against the JSON schema electron-builder itself validates with
// (app-builder-lib's scheme.json), plus what the schema cannot know: the targets, icons and fuses.
const root = path.join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
type Platform = { target: string[]; icon: string; category?: string; hardenedRuntime?: boolean };
type BuilderConfig = {
  appId: string;
  productName: string;
  asar: boolean;
  electronFuses: Record<string, boolean>;
  linux: Platform;
  mac: Platform;
  win: Platform;
  nsis: { installerIcon: string; uninstallerIcon: string };
};
const config = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8')) as BuilderConfig;
const validate = new Ajv({ allErrors: true, strict: false }).compile(require('app-builder-lib/scheme.json') as object);

describe('electron-builder.json', () => {
  it("is valid against electron-builder's own schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema catches a misspelled or mistyped option (the check can fail)', () => {
    expect(validate({ ...config, linx: config.linux })).toBe(false);
    expect(validate({ ...config, mac: { ...config.mac, hardenedRuntime: 'yes' } })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsnode: false } })).toBe(false);
  });

  it('builds AppImage, deb and rpm; dmg and zip; NSIS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.mac.target).toEqual(['dmg', 'zip']); // zip: what electron-updater downloads on macOS
    expect(config.win.target).toEqual(['nsis']);
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9]+)+$/);
    expect(config.productName).toBe('Retail Ops Console');
    expect(config.linux.category).toBe('Office');
    expect(config.mac.category).toMatch(/^public\.app-category\./);
  });

  it('sets the Electron fuses the issue asks for', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('names icon files that exist in resources/', () => {
    const icons = [config.linux.icon, config.mac.icon, config.win.icon, config.nsis.installerIcon, config.nsis.uninstallerIcon];
    for (const icon of icons) expect(fs.existsSync(path.join(root, icon)), icon).toBe(true);
    expect(fs.readdirSync(path.join(root, config.linux.icon)).length).toBeGreaterThan(4);
  });

  it('npm run dist rebuilds native modules for Electron (install-app-deps) before packaging', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const dist = fs.readFileSync(path.join(root, pkg.scripts.dist!.replace(/^bash /, '')), 'utf8');
    const rebuild = dist.indexOf('electron-builder install-app-deps');
    expect(rebuild).toBeGreaterThan(0);
    expect(dist.indexOf('electron-builder --publish never')).toBeGreaterThan(rebuild);
  });

  it('names an update feed (publish) electron-updater reads: a generic server whose address is set at packaging', () => {
    const publish = (config as unknown as { publish: Array<{ provider: string; url?: string }> }).publish;
    expect(publish[0]).toEqual({ provider: 'generic', url: '${env.ROC_UPDATE_URL}' });
    expect(validate({ ...config, publish: [{ provider: 'github', owner: 'retail-ops', repo: 'console' }] })).toBe(true);
    expect(validate({ ...config, publish: [{ provider: 'ftp', url: 'x' }] })).toBe(false);
  });
});
