import { z } from 'zod';
import { call, event } from '../contract/define';
import type { AppCommand } from './shortcuts';

export interface AppInfo {
  version: string;
  shell: 'desktop' | 'browser';
  dataDir: string;
  schemaVersion: number;
}

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).strict(), 'Version of the console, which shell runs it, its data folder and cache schema version.'),
} as const;

/** The core's own process, as its shell sees it. */
export interface CoreStatus {
  state: 'restarting' | 'running';
  message: string;
}

export const appEvents = {
  'app.command': event<{ command: AppCommand }>("The desktop shell's menu asked the window for its command palette or its keyboard shortcuts dialog (the menu's accelerator took the key)."),
  'app.coreStatus': event<CoreStatus>("The console's core process stopped unexpectedly and is being started again, or runs again: the window says so."),
} as const;
