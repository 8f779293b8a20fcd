// Renders every icon the installers need from the one source image, resources/icon.svg:
//   resources/icons/<N>x<N>.png  the Linux icon set (AppImage, deb, rpm; electron-builder's linux.icon)
//   resources/icon.png           1024 px, the fallback electron-builder reads
//   resources/icon.icns          macOS (dmg, zip)
//   resources/icon.ico           Windows (NSIS, the .exe)
//   resources/tray/tray.png, tray@2x.png  the tray icon (Windows, Linux), 16 px and 32 px (HiDPI)
//   resources/tray/trayTemplate.png, trayTemplate@2x.png  macOS's menu-bar icon: a template image,
//                                pure black with alpha (macOS tints it for light and dark menu bars)
// Run after editing the SVG: npm run icons. test/packaging/icons.test.ts fails when they drift.
import { Resvg } from '@resvg/resvg-js';
import fs from 'node:fs';
import path from 'node:path';
import * as png2icons from 'png2icons';

/** The tray icon: 16 px (and @2x) is what Windows, macOS and most Linux panels draw. */
export const trayIconFiles = { 'tray/tray.png': 16, 'tray/tray@2x.png': 32 } as const;

/** macOS's menu-bar icon: the "Template" suffix makes Electron mark it as a template image. */
export const trayTemplateFiles = { 'tray/trayTemplate.png': 16, 'tray/trayTemplate@2x.png': 32 } as const;

/**
 * The source image as a template: the glyph (awning and bars) alone, every shape black, without the
 * rounded background, on a square view box around the glyph so it fills the menu bar's few pixels.
 */
export function templateSvg(svg: string): string {
  const background = /<rect\b[^>]*fill="url\(#bg\)"[^>]*\/>/;
  if (!background.test(svg)) throw new Error('resources/icon.svg has no background rect (fill="url(#bg)") to leave out of the tray template');
  return svg
    .replace(background, '')
    .replace(/fill="#[0-9a-fA-F]{3,8}"/g, 'fill="#000000"')
    .replace(/viewBox="[^"]*"/, 'viewBox="132 146 760 760"')
    .replace(/ width="\d+" height="\d+"/, ' width="760" height="760"');
}

/** Sizes of the Linux icon set: the hicolor theme's usual sizes up to 512, and 1024 for HiDPI docks. */
export const linuxIconSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

export const resourcesDir = path.join(import.meta.dirname ?? __dirname, '..', 'resources');
export const iconSourcePath = path.join(resourcesDir, 'icon.svg');

export function renderPng(svg: string | Buffer, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng());
}

/** Every icon file, by path relative to resources/, rendered from the SVG. */
export function renderIcons(svg: string | Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const size of linuxIconSizes) files.set(`icons/${size}x${size}.png`, renderPng(svg, size));
  const large = files.get('icons/1024x1024.png')!;
  files.set('icon.png', large);
  const icns = png2icons.createICNS(large, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(large, png2icons.BICUBIC, 0, true, true);
  if (!icns || !ico) throw new Error('png2icons could not convert the 1024 px icon');
  files.set('icon.icns', icns);
  files.set('icon.ico', ico);
  for (const [name, size] of Object.entries(trayIconFiles)) files.set(name, renderPng(svg, size));
  const template = templateSvg(svg.toString());
  for (const [name, size] of Object.entries(trayTemplateFiles)) files.set(name, renderPng(template, size));
  return files;
}

function main(): void {
  const files = renderIcons(fs.readFileSync(iconSourcePath));
  for (const [name, bytes] of files) {
    const target = path.join(resourcesDir, name);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
    console.log(`wrote resources/${name} (${bytes.length} bytes)`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename ?? __filename)) main();
