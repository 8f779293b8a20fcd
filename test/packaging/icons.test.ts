import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { iconSourcePath, linuxIconSizes, renderIcons, resourcesDir, trayIconFiles, trayTemplateFiles } from '../../scripts/make-icons';

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

  it("include macOS's menu-bar template image at 16 px and 32 px: only black, shaped by alpha", () => {
    for (const [name, size] of Object.entries(trayTemplateFiles)) {
      const png = PNG.sync.read(fs.readFileSync(path.join(resourcesDir, name)));
      expect({ width: png.width, height: png.height }, name).toEqual({ width: size, height: size });
      let opaque = 0;
      let clear = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const [r, g, b, a] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!, png.data[i + 3]!];
        if (a > 0) expect([r, g, b], `${name}: a pixel that is not black`).toEqual([0, 0, 0]);
        if (a === 255) opaque++;
        if (a === 0) clear++;
      }
      // A glyph, not an empty or filled square.
      expect(opaque, name).toBeGreaterThan(size * size * 0.2);
      expect(clear, name).toBeGreaterThan(size * size * 0.2);
    }
  });
});
