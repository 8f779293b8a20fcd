import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AppError } from '../../src/shared/contract/errors';
import { keychainError } from '../../src/main/secrets/keytarStore';
import { testSecretStore } from '../support/core';
import { tempDir } from '../support/temp';

const run = promisify(execFile);

describe('KeytarSecretStore on the real keychain', () => {
  it('stores, reads, replaces and deletes a secret', async () => {
    const store = testSecretStore();
    expect(await store.get('connection:a')).toBeNull();
    await store.set('connection:a', 's3cret-one');
    expect(await store.get('connection:a')).toBe('s3cret-one');
    await store.set('connection:a', 's3cret-two');
    expect(await store.get('connection:a')).toBe('s3cret-two');
    expect(await store.delete('connection:a')).toBe(true);
    expect(await store.get('connection:a')).toBeNull();
    expect(await store.delete('connection:a')).toBe(false);
  });
});

/**
 * Each way the keychain can be missing, produced for real in a child process, must come back as
 * keychain_unavailable with words that say what to install or unlock.
 */
describe('keychain failures, each with its own message', () => {
  const probe = `
    import { KeytarSecretStore } from '../src/main/secrets/keytarStore';
    new KeytarSecretStore('Retail Ops Console probe').set('probe', 'x')
      .then(() => console.log(JSON.stringify({ ok: true })))
      .catch((e) => console.log(JSON.stringify({ code: e.code, message: e.message, detail: e.detail })));
  `;
  const tsx = path.resolve('node_modules/.bin/tsx');

  async function failureUnder(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: string; message: string; detail: string }> {
    const dir = tempDir();
    // The probe lives in the checkout's .tmp so tsx loads the module as the console does (CommonJS).
    fs.mkdirSync('.tmp', { recursive: true });
    const script = path.resolve('.tmp', `keychain-probe-${path.basename(dir)}.ts`);
    fs.writeFileSync(script, probe);
    onTestFinished(() => fs.rmSync(script, { force: true }));
    const base = { ...process.env, XDG_DATA_HOME: path.join(dir, 'data'), XDG_RUNTIME_DIR: dir, ...env };
    const { stdout } = await run(command, [...args, tsx, script], { env: base, timeout: 20_000 });
    return JSON.parse(stdout.trim().split('\n').at(-1)!);
  }

  it('no session bus at all', async () => {
    const r = await failureUnder('env', ['-u', 'DBUS_SESSION_BUS_ADDRESS', '-u', 'DISPLAY']);
    expect(r.code).toBe('keychain_unavailable');
    expect(r.detail).toMatch(/autolaunch D-Bus/);
    expect(r.message).toMatch(/session bus/);
    expect(r.message).toMatch(/npm run start:keyring/);
  });

  it('the way out the message names works: the same probe under scripts/with-login-keyring.sh saves', async () => {
    const r = await failureUnder('env', ['-u', 'DBUS_SESSION_BUS_ADDRESS', '-u', 'DISPLAY', 'ROC_KEYRING_PASSWORD=probe-pw', 'bash', path.resolve('scripts/with-login-keyring.sh')]);
    expect(r).toEqual({ ok: true });
  });

  it('a session bus with no keyring service', async () => {
    const dir = tempDir();
    const config = path.join(dir, 'bus.conf');
    fs.writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${dir}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const r = await failureUnder('dbus-run-session', [`--config-file=${config}`, '--']);
    expect(r.code).toBe('keychain_unavailable');
    expect(r.detail).toMatch(/not provided by any \.service files/);
    expect(r.message).toMatch(/apt install gnome-keyring/);
  });

  it('a keyring daemon with no unlocked login keyring', async () => {
    const r = await failureUnder('dbus-run-session', ['--', 'sh', '-c', 'gnome-keyring-daemon --components=secrets --start >/dev/null 2>&1; exec "$@"', 'sh']);
    expect(r.code).toBe('keychain_unavailable');
    expect(r.detail).toMatch(/Object does not exist at path/);
    expect(r.message).toMatch(/"login" keyring/);
  });

  it('a locked keyring', async () => {
    const lock = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1;
      gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
        --method org.freedesktop.Secret.Service.Lock "['/org/freedesktop/secrets/collection/login']" >/dev/null; exec "$@"`;
    const r = await failureUnder('dbus-run-session', ['--', 'sh', '-c', lock, 'sh']);
    expect(r.code).toBe('keychain_unavailable');
    expect(r.detail).toMatch(/locked collection/);
    expect(r.message).toMatch(/keychain is locked/);
  });

  it('an unknown failure still says nothing was saved, never falls back', () => {
    const e = keychainError(new Error('something new'));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('keychain_unavailable');
    expect(e.message).toMatch(/no secret was saved/);
  });
});
