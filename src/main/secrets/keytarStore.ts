import type * as KeytarModule from 'keytar';
import { AppError, cancelledError } from '../../shared/contract/errors';
import { untilAborted } from '../../shared/async/untilAborted';
import type { SecretStore } from './store';

/** The keychain service name under which every entry of the console is filed. */
export const keychainService = 'Retail Ops Console';

type Keytar = typeof KeytarModule;

/**
 * The OS keychain through keytar: Keychain on macOS, Credential Vault on Windows, the Secret
 * Service (gnome-keyring, KWallet) on Linux. Every failure becomes one clear, typed error.
 */
export class KeytarSecretStore implements SecretStore {
  constructor(
    private readonly service = keychainService,
    private readonly load: () => Promise<Keytar> = loadKeytar,
  ) {}

  async get(account: string, options: { signal?: AbortSignal } = {}): Promise<string | null> {
    return this.call((k) => k.getPassword(this.service, account), options.signal);
  }

  async set(account: string, secret: string): Promise<void> {
    await this.call((k) => k.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    return this.call((k) => k.deletePassword(this.service, account));
  }

  /** `signal`: the wait for the keychain ends when it aborts, and `op` is not run. */
  private async call<T>(op: (k: Keytar) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw cancelledError();
    const loading = this.load().catch((e: unknown) => {
      throw new AppError('keychain_unavailable', 'The keychain module of the console could not be loaded; reinstall the console.', errorText(e), { cause: e });
    });
    const keytar = await untilAborted(loading, signal);
    if (signal?.aborted) throw cancelledError();
    try {
      return await op(keytar);
    } catch (e) {
      throw keychainError(e);
    }
  }
}

async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('keytar')) as Keytar & { default?: Keytar };
  return mod.default ?? mod;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Maps what libsecret/keytar says to what the user should do about it. */
export function keychainError(e: unknown): AppError {
  const text = errorText(e);
  const rules: Array<[RegExp, string]> = [
    [
      /autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Unable to autolaunch/i,
      'No desktop session bus was found, so the system keychain cannot be reached and nothing can be saved in it. Run the console inside your desktop session; on a machine without one (SSH, a server), start it with "npm run start:keyring", which runs it under dbus-run-session with gnome-keyring unlocked (see the README, "No desktop session").',
    ],
    [
      /org\.freedesktop\.secrets was not provided|ServiceUnknown|No such interface/i,
      'No keychain service is running. Install and start one (on Debian/Ubuntu: sudo apt install gnome-keyring; without a desktop session, start the console with "npm run start:keyring"), then try again.',
    ],
    [
      /locked collection|is locked|Cannot create an item in a locked/i,
      'The system keychain is locked. Unlock it (log in to your desktop session, or unlock the "login" keyring in Passwords and Keys), then try again.',
    ],
    [
      /Object does not exist at path|collection\/login|No such object/i,
      'The system keychain has no unlocked "login" keyring. Create or unlock it (Passwords and Keys, or gnome-keyring-daemon --unlock), then try again.',
    ],
    [
      /User canceled|denied|not allowed|Authorization/i,
      'Access to the system keychain was refused. Allow Retail Ops Console to use the keychain, then try again.',
    ],
  ];
  const hit = rules.find(([re]) => re.test(text));
  return new AppError(
    'keychain_unavailable',
    hit?.[1] ?? 'The system keychain could not be used, so no secret was saved or read.',
    text,
    { cause: e },
  );
}
