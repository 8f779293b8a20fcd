import { z } from 'zod';
import { call, event } from '../contract/define';
import type { UpdateStatus } from '../updates/updatePolicy';
import type { AppCommand } from './shortcuts';

export interface AppInfo {
  version: string;
  shell: 'desktop' | 'browser';
  dataDir: string;
  schemaVersion: number;
  /** Whether the console updates itself, and where the updater stands (the desktop shell tells the core). */
  updates: UpdateStatus;
}

/** What a "Restart now" got: the console restarts to install the update, or why it does not yet. */
export type RestartToUpdate = { restart: true } | { restart: false; reason: string };

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).strict(), 'Version of the console, which shell runs it, its data folder and cache schema version, and its updates line.'),
  'app.restartToUpdate': call<RestartToUpdate>()(
    z.object({}).strict(),
    'Restart now to install a downloaded update; refused, with the reason, during a download or an export, or where updates are off.',
  ),
} as const;

/** The core's own process, as its shell sees it. */
/** What the desktop window's calls answer when the core stopped before answering them (the preload says it). */
export const coreRestartingMessage = "The console's core stopped unexpectedly and is restarting. Try again in a moment.";

export interface CoreStatus {
  state: 'restarting' | 'running';
  message: string;
  /** Browser mode: reconnecting kept failing, the local server itself is gone (the page offers to try again at once). */
  serverGone?: boolean;
}

export const appEvents = {
  'app.command': event<{ command: AppCommand }>("The desktop shell's menu asked the window for its command palette, its keyboard shortcuts dialog or its About dialog (the menu's accelerator took the key)."),
  'app.updates': event<UpdateStatus>('The updater of the desktop shell moved on (a check, a download, an update ready to install).'),
  'app.coreStatus': event<CoreStatus>("The console's core process stopped unexpectedly and is being started again, or runs again: the window says so."),
} as const;
