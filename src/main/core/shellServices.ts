/**
 * What only a shell can do for the core (native dialogs, the OS file manager, desktop
 * notifications). The desktop shell implements them with Electron; browser mode leaves them out,
 * and the renderer falls back to web equivalents (a typed folder path, the Notifications API).
 */
export interface ShellServices {
  /** Asks the user for a folder; null when cancelled. */
  chooseFolder?(options: { title: string; defaultPath?: string }): Promise<string | null>;
  /** Opens a file with the OS's default application. */
  openPath?(filePath: string): Promise<void>;
  /** Shows a file in the OS file manager. */
  showItemInFolder?(filePath: string): void;
  /** A desktop notification from the main process. */
  notify?(title: string, body: string): void;
  /** Prints the console window's current page (with its print stylesheet) to PDF bytes. */
  printToPdf?(): Promise<Buffer>;
  /** Restarts the console to install a downloaded update; the reason when it may not now (a download, an export). */
  restartToUpdate?(): Promise<string | null>;
}
