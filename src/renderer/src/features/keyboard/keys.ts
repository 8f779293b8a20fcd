import { commandShortcuts, viewShortcuts, type AppCommand } from '../../../../shared/app/shortcuts';

/** The parts of a keydown the shortcuts read (a KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export const isMacPlatform = (platform: string): boolean => /mac|iphone|ipad/i.test(platform);

/** The physical key an accelerator's last part names (so Shift+1 still reads as "1", whatever the layout prints). */
function codeOf(key: string): string | null {
  if (/^[A-Z]$/i.test(key)) return `Key${key.toUpperCase()}`;
  if (/^[0-9]$/.test(key)) return `Digit${key}`;
  if (key === '/') return 'Slash';
  return null;
}

/** True when the key press is the accelerator (Electron's notation, CmdOrCtrl = Cmd on macOS, Ctrl elsewhere). */
export function matchesAccelerator(e: KeyPress, accelerator: string, mac: boolean): boolean {
  const parts = accelerator.split('+');
  const key = parts.pop()!;
  const mods = new Set(parts);
  const primary = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  if (primary !== mods.has('CmdOrCtrl') || other || e.altKey || e.shiftKey !== mods.has('Shift')) return false;
  const code = codeOf(key);
  return e.key.toLowerCase() === key.toLowerCase() || (code !== null && e.code === code);
}

/** A text field, a list box or anything editable: single keys there are typing, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName.toLowerCase();
  if (tag === 'textarea' || tag === 'select') return true;
  if (tag === 'input') {
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
  }
  return el.isContentEditable;
}

export type ShortcutAction = { view: string } | { command: AppCommand };

/** How long after "g" the second key of a sequence still counts. */
export const sequenceWindowMs = 1500;

/**
 * Reads key presses against the one shortcut table: accelerators (anywhere), then, outside text
 * fields, the single keys and the "g then a letter" sequences. Keeps the first key of a sequence.
 */
export class ShortcutReader {
  private pending: { key: string; at: number } | null = null;

  constructor(private readonly mac: boolean) {}

  read(e: KeyPress, typing: boolean, now: number): ShortcutAction | null {
    for (const s of viewShortcuts) if (matchesAccelerator(e, s.accelerator, this.mac)) return this.done({ view: s.view });
    for (const c of commandShortcuts) if (matchesAccelerator(e, c.accelerator, this.mac)) return this.done({ command: c.command });
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return this.done(null);
    const key = e.key.toLowerCase();
    const first = this.pending && now - this.pending.at <= sequenceWindowMs ? this.pending.key : null;
    this.pending = null;
    if (first) {
      const s = viewShortcuts.find((v) => v.keys === `${first} ${key}`);
      if (s) return { view: s.view };
    }
    for (const c of commandShortcuts) if (c.key && e.key === c.key) return { command: c.command };
    if (viewShortcuts.some((v) => v.keys.split(' ')[0] === key)) this.pending = { key, at: now };
    return null;
  }

  private done(action: ShortcutAction | null): ShortcutAction | null {
    this.pending = null;
    return action;
  }
}
