import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iconSourcePath, linuxIconSizes, renderIcons, resourcesDir, trayIconFiles } from '../../scripts/make-icons';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the icons in resources/', () => {
  const rendered = renderIcons(fs.readFileSync(iconSourcePath));

  it('are the ones made from resources/icon.svg (run npm run icons after editing it)', () => {
    for (const [name, bytes] of rendered) {
      const onDisk = path.join(resourcesDir, name);
      expect(fs.existsSync(onDisk), `resources/${name} is missing`).toBe(true);
      expect(fs.readFileSync(onDisk).equals(bytes), `resources/${name} differs from the SVG`).toBe(true);
    }
  });

  it('cover every size the Linux icon set needs, each at its size', () => {
    for (const size of linuxIconSizes) {
      expect(pngSize(fs.readFileSync(path.join(resourcesDir, 'icons', `${size}x${size}.png`)))).toEqual({ width: size, height: size });
    }
  });

  it('include a Windows icon with 256 px and 16 px images, and a macOS icon set', () => {
    const ico = fs.readFileSync(path.join(resourcesDir, 'icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1); // type 1: icon
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256); // 0 means 256
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    const icns = fs.readFileSync(path.join(resourcesDir, 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true); // the 1024 px (512@2x) image
  });

  it('include the tray icon at 16 px and 32 px (HiDPI), packaged beside the app (extraResources)', () => {
    for (const [name, size] of Object.entries(trayIconFiles)) expect(pngSize(fs.readFileSync(path.join(resourcesDir, name)))).toEqual({ width: size, height: size });
    const builder = JSON.parse(fs.readFileSync(path.join(resourcesDir, '..', 'electron-builder.json'), 'utf8')) as { extraResources?: Array<{ from: string; to: string }> };
    expect(builder.extraResources).toContainEqual({ from: 'resources/tray', to: 'tray' });
  });
});
