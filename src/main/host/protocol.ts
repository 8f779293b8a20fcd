/**
 * The CoreHost protocol: what a shell (Electron main, the browser-mode server) and a window say to
 * the core running in its own process, over a MessagePort-shaped channel (child_process IPC with
 * structured clone, Electron's utilityProcess parentPort, a MessageChannelMain port per window).
 *
 * Answers and events travel as JSON text made by the core; a long answer comes in parts, so short
 * answers pass between them instead of waiting behind it. A browser-mode page's socket is handed to
 * the core's process (child_process IPC handle passing, PageHandoff), so the page's calls, answers
 * and events never pass through the shell, as a window's MessagePort does not in the desktop app.
 */

import type { UpdateStatus } from '../../shared/updates/updatePolicy';

/** Names of the shell services a core may ask its shell for (see core/shellServices.ts). */
export const shellServiceNames = ['chooseFolder', 'openPath', 'showItemInFolder', 'notify', 'printToPdf', 'restartToUpdate'] as const;
export type ShellServiceName = (typeof shellServiceNames)[number];

/** What a core process is started with (the keychain and the addon are loaded in the core's process). */
export interface CoreStart {
  dataDir: string;
  shell: 'desktop' | 'browser';
  version: string;
  /** The keychain service the secrets are saved under (tests use one of their own). */
  keychainService?: string;
  /** better-sqlite3 addon for this runtime (Electron's ABI in a utility process). */
  sqliteNativeBinding?: string;
  /** The shell services the shell answers; the others are missing in the core, as in browser mode. */
  shellServices: ShellServiceName[];
  /** The media path of the page's own origin ("/media"): live addresses lie below it (asked for over a window's own channel), clip previews are served there by the shell. */
  mediaBasePath: string;
  /** Sync on the schedules by itself (off with --no-background-sync). */
  backgroundSync?: boolean;
  /** Answers longer than this go in parts of this size (partChars unless told; tests use small parts). */
  partChars?: number;
}

/** A client (a shell, a window's port) to the core. */
export type ToCore =
  | { t: 'call'; id: number; name: string; input: unknown }
  | { t: 'cancel'; id: number }
  | { t: 'media'; id: number; path: string; method: string; range?: string | null }
  | { t: 'media-cancel'; id: number };

/**
 * The shell to the core, on the core's own channel (besides ToCore); `updates`: where the shell's
 * updater stands; `follow-events`: the events the shell wants (the desktop tray follows a few;
 * browser mode's server none), replacing the list it sent before: no other event is sent to it;
 * `close-pages`: the browser-mode server stops.
 */
export type ShellToCore =
  | ToCore
  | { t: 'follow-events'; events: string[] }
  | { t: 'close-pages' }
  | { t: 'shell-answer'; id: number; ok: true; value: unknown }
  | { t: 'shell-answer'; id: number; ok: false; message: string }
  | { t: 'updates'; status: UpdateStatus }
  /** Which file a clip preview's address (below the media base) stands for: the shell streams it itself. */
  | { t: 'clip-file'; id: number; path: string }
  | { t: 'stop' };

/**
 * A browser-mode page's WebSocket upgrade, sent with the request's socket as the message's handle
 * once the shell's guard let it through: what the core needs to complete the handshake itself.
 * `url` is the path only (the token stays in the shell); `head`: the bytes read after the headers.
 */
export interface PageHandoff {
  t: 'page';
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  head: Uint8Array;
}

/** The core to a client. `json` is the Result of the call, as JSON text; `part`s come first when it is long. */
export type FromCore =
  | { t: 'result-part'; id: number; part: string }
  | { t: 'result'; id: number; json: string }
  /** `{"event": name, "payload": ...}` as JSON text: browser mode's wire frame as it is. */
  | { t: 'event'; json: string }
  | { t: 'media-head'; id: number; status: number; headers: Record<string, string> }
  | { t: 'media-body'; id: number; chunk: Uint8Array }
  | { t: 'media-end'; id: number; error?: string };

/** The core to its shell (besides FromCore). */
export type CoreToShell =
  | FromCore
  | { t: 'ready' }
  /** The core could not start (a full disk, a cache from a newer version...), in words. */
  | { t: 'failed'; message: string }
  | { t: 'shell-ask'; id: number; service: ShellServiceName; args: unknown[] }
  /** The file of a clip preview's address, or null when no preview has it. */
  | { t: 'clip-file'; id: number; file: string | null }
  /** Something nobody caught in the core (it keeps serving): logged there, reported here. */
  | { t: 'fault'; message: string };

/** The name of an event frame's event (`{"event":"name","payload":...}`, as the core writes it). */
export function eventName(json: string): string {
  return /^\{"event":"([^"]+)"/.exec(json)?.[1] ?? '';
}

/** Answers longer than this go in parts of this size. */
export const partChars = 256 * 1024;
