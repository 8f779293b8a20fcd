import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// A saved connection and its key from the keychain become a vendor target in one place:
// ConnectionsService (src/main/connections: targetOf, and test for a connection test or the
// scheduler's probe). Every other feature asks it for a target, so how a Demo workspace connection
// finds its simulator, or which headers a key becomes, is never written twice.
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Reading a saved key (withSecret, secretOf) or making a vendor target from one (vendorTarget). */
const savedKeyToTarget = /\.(withSecret|secretOf)\(|\bvendorTarget\(/;

/** Where that is done: connections, and vendors (which defines vendorTarget and tests given credentials). */
const allowed = ['src/main/connections/', 'src/main/vendors/'];

describe('the saved key becomes a vendor target in one place', () => {
  it('no file of src/main outside connections and vendors reads a saved key or makes a vendor target', () => {
    const found = sources(path.resolve('src/main'))
      .map((file) => path.relative(process.cwd(), file).split(path.sep).join('/'))
      .filter((file) => !allowed.some((dir) => file.startsWith(dir)))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (savedKeyToTarget.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
      );
    expect(found).toEqual([]);
  });

  it('(the check sees one: what it guards against)', () => {
    expect(savedKeyToTarget.test('const { connection, secret } = await connections.withSecret(connectionId, signal);')).toBe(true);
    expect(savedKeyToTarget.test('return new RetailNextClient(vendorTarget(connection, secret, connections.http));')).toBe(true);
    expect(savedKeyToTarget.test('return new RetailNextClient(await connections.targetOf(connectionId, signal));')).toBe(false);
  });
});
