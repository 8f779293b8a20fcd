import type * as KeytarModule from 'keytar';

export type Keytar = typeof KeytarModule;

/** The real keychain module (tests run in scripts/with-keyring.sh). */
export async function realKeytar(): Promise<Keytar> {
  const mod = (await import('keytar')) as Keytar & { default?: Keytar };
  return mod.default ?? mod;
}

/**
 * The real keychain, handed over only when the test opens a gate (as a slow keychain module or a
 * keychain prompt would), its reads counted on the way: for KeytarSecretStore's `load`.
 */
export function gatedKeychain(real: Keytar) {
  let open: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const reads: string[] = [];
  let waiting = 0;
  const counted: Keytar = {
    ...real,
    getPassword: (service, account) => {
      reads.push(account);
      return real.getPassword(service, account);
    },
  };
  return {
    reads,
    /** How many calls are held at the gate now. */
    get waiting() {
      return waiting;
    },
    load: async () => {
      waiting++;
      try {
        await gate;
      } finally {
        waiting--;
      }
      return counted;
    },
    /** From now on the keychain waits until `release` is called. */
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => open(),
  };
}
