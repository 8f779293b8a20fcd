import { z } from 'zod';
import { call } from '../contract/define';

export interface AppInfo {
  version: string;
  shell: 'desktop' | 'browser';
  dataDir: string;
  schemaVersion: number;
}

export const appCalls = {
  'app.info': call<AppInfo>()(z.object({}).strict(), 'Version of the console, which shell runs it, its data folder and cache schema version.'),
} as const;
