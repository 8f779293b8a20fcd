import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import { createCore, type Core, type CoreOptions } from '../../src/main/compose';
import { KeytarSecretStore } from '../../src/main/secrets/keytarStore';
import { tempDir } from './temp';

const running: Core[] = [];
afterEach(async () => {
  for (const core of running.splice(0)) await core.close();
});

/**
 * The real keychain under a service name of this test run, so nothing touches other entries.
 * Tests run inside scripts/with-keyring.sh (a private gnome-keyring).
 */
export function testSecretStore(): KeytarSecretStore {
  return new KeytarSecretStore(`Retail Ops Console test ${randomUUID()}`);
}

/** A real core: a real SQLite file in a temp folder, the real keychain. Closed after the test. */
export function startTestCore(overrides: Partial<CoreOptions> = {}): Core {
  const core = createCore({ dataDir: tempDir('roc-core-'), secrets: testSecretStore(), shell: 'browser', version: '0.0.0-test', ...overrides });
  running.push(core);
  return core;
}

/** Calls the core like a shell would and unwraps the value, failing loudly on an error result. */
export async function callOk<T = unknown>(core: Core, name: string, input: unknown): Promise<T> {
  const result = await core.invoke(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
  return result.value as T;
}
