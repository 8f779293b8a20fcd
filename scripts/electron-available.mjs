// Prints nothing when an Electron window can be opened here; otherwise one line saying why not.
// With --packaging: whether installers can be built here (Electron present; no display needed).
// Reads electron's path.txt rather than require('electron'), which would try a download.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let reason = '';
try {
  const dir = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(dir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : 'electron';
  const binary = override ? path.join(override, executable) : path.join(dir, 'dist', executable);
  if (!fs.existsSync(binary)) reason = 'the Electron binary is not installed (it cannot be downloaded on this machine)';
} catch {
  reason = 'the electron package is not installed';
}
const packaging = process.argv.includes('--packaging');
if (!reason && !packaging && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  reason = 'there is no display';
}
if (reason) console.log(reason);
