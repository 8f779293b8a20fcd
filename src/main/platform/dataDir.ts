import os from 'node:os';
import path from 'node:path';

export const appFolderName = 'Retail Ops Console';

/**
 * The data folder by each OS's convention, matching what Electron's `app.getPath('userData')`
 * gives the desktop app, so both shells share one cache unless told otherwise.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', appFolderName);
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appFolderName);
    default:
      return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appFolderName);
  }
}
