import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadToFile } from '../../src/main/exports/download';
import { placeFinishedFile } from '../../src/main/exports/evidence';
import { exportStem, insideFolder, pickExtension } from '../../src/main/exports/fileNames';
import { isAppError } from '../../src/shared/contract/errors';
import { tempDir } from './rig';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A real HTTP server that sends a body with whatever Content-Disposition a hostile vendor might. */
async function hostileServer(body: Buffer, disposition: string): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length, 'Content-Disposition': disposition, ETag: '"x"' });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/file`;
}

const hostile = [
  'attachment; filename="../../../../etc/cron.d/evil.mp4"',
  'attachment; filename="/etc/passwd"',
  'attachment; filename="C:\\\\Windows\\\\system32\\\\evil.exe"',
  "attachment; filename*=UTF-8''..%2F..%2Fescape.mp4",
  'attachment; filename="CON.mp4"',
  'attachment; filename="evil\t;rm -rf ~;.sh"',
  `attachment; filename="${'a'.repeat(5000)}.mp4"`,
];

describe('file names whatever the vendor sends', () => {
  it.each(hostile)('stays inside the folder with a safe descriptive name: %s', async (disposition) => {
    const folder = tempDir('roc-names-');
    const body = Buffer.from('video bytes '.repeat(100));
    const url = await hostileServer(body, disposition);
    const part = insideFolder(folder, '.job.part');
    const result = await downloadToFile({ url, headersFor: () => ({}), partPath: part, etag: null });
    const ext = pickExtension(result.contentDisposition, result.contentType, 'mp4');
    expect(['mp4', 'mkv', 'mov', 'avi', 'ts', 'm4v', 'webm']).toContain(ext);
    const placed = placeFinishedFile(part, folder, { storeName: '../../Store\u0000 <CON>', timeZone: 'UTC', channels: [{ name: 'Door/1' }, { name: 'C:\\cam' }], start: '2026-04-19T10:00:00Z' }, ext);
    expect(path.dirname(placed.filePath)).toBe(folder);
    expect(fs.readdirSync(folder)).toEqual([placed.fileName]);
    expect([...placed.fileName].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 32)).toBe(false);
    expect(placed.fileName).toMatch(/^Store-CON - Door-1, C-cam - 2026-04-19 10\.00\.00\.(mp4|mkv|mov|avi|ts|m4v|webm)$/);
    expect(placed.fileName).not.toMatch(/[<>:"|?*]/);
    expect(fs.readFileSync(placed.filePath)).toEqual(body);
  });

  it('names: reserved, empty, long and control-character names', () => {
    const at = { timeZone: 'UTC', start: '2026-01-01T00:00:00Z' };
    // a Windows device name is only reserved as the whole stem: "CON - ..." is an ordinary name
    expect(exportStem({ storeName: 'CON', channels: [], ...at })).not.toMatch(/^CON(\.|$)/i);
    const long = exportStem({ storeName: 'é'.repeat(400), channels: [{ name: 'x'.repeat(300) }], ...at });
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(150);
    expect(long).toMatch(/ - x+ - 2026-01-01 00\.00\.00$/); // the time is never cut
    expect(exportStem({ storeName: '...', channels: [{ name: '\u0001\u0002' }], ...at })).toBe('Store - Camera - 2026-01-01 00.00.00');
    for (const hostileName of ['CON', 'a. ', ' .. ', 'x:y', 'a/b\\c', 'tab\there', 'nul.txt', '<script>', '"quoted"', 'pipe|star*q?']) {
      const stem = exportStem({ storeName: hostileName, channels: [{ name: hostileName }], ...at });
      expect(stem).not.toMatch(/[<>:"/\\|?*]/);
      expect([...stem].some((ch) => ch.charCodeAt(0) < 32)).toBe(false);
      expect(stem).not.toMatch(/[. ]$/);
      expect(reservedStem(stem)).toBe(false);
    }
    expect(() => insideFolder('/tmp/x', '../y')).toThrow();
    expect(() => insideFolder('/tmp/x', '/etc/passwd')).toThrow();
    expect(() => insideFolder('/tmp/x', 'a/b')).toThrow();
    expect(pickExtension('attachment; filename="x.sh"', 'application/x-sh', 'mp4')).toBe('mp4');
    expect(pickExtension(null, 'video/x-matroska', 'mp4')).toBe('mkv');
  });
});

const reservedStem = (stem: string) => /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i.test(stem.split('.')[0]!);

describe('"Store - Camera - start time" names', () => {
  const base = { storeName: 'Caspar City Plaza', timeZone: 'America/New_York', start: '2026-04-19T14:00:00Z' };

  it('names the store, the camera and the start in the store\'s time', () => {
    expect(exportStem({ ...base, channels: [{ name: 'Register', mac: '20:C3:A4:60:FB:CB' }] })).toBe('Caspar City Plaza - Register - 2026-04-19 10.00.00');
  });

  it('adds a MAC tail only when two cameras share a name, never "Aisle+Aisle"', () => {
    const two = exportStem({ ...base, channels: [{ name: 'Aisle', mac: '20:C3:A4:60:FB:CB' }, { name: 'Aisle', mac: 'AC:CC:8E:0A:1B:2C' }] });
    expect(two).toBe('Caspar City Plaza - Aisle (60FBCB), Aisle (0A1B2C) - 2026-04-19 10.00.00');
    expect(two).not.toContain('+');
    // one of the store's two "Aisle" cameras, exported alone: which one is in the name
    expect(exportStem({ ...base, channels: [{ name: 'Aisle', mac: '20:C3:A4:60:FB:CB', nameShared: true }] })).toBe('Caspar City Plaza - Aisle (60FBCB) - 2026-04-19 10.00.00');
    expect(exportStem({ ...base, channels: [{ name: 'Aisle', mac: '20:C3:A4:60:FB:CB' }, { name: 'Door', mac: 'AC:CC:8E:0A:1B:2C' }] })).toBe('Caspar City Plaza - Aisle, Door - 2026-04-19 10.00.00');
  });

  it('many cameras: the first ones by name and how many more', () => {
    const channels = ['Aisle', 'Door', 'Register', 'Stockroom', 'Back Office'].map((name) => ({ name }));
    expect(exportStem({ ...base, channels })).toBe('Caspar City Plaza - Aisle, Door, Register and 2 more cameras - 2026-04-19 10.00.00');
  });

  it('the start in the store\'s time across a year boundary, a month end and a DST change', () => {
    expect(exportStem({ ...base, timeZone: 'Pacific/Auckland', start: '2026-12-31T23:30:00Z', channels: [{ name: 'Door' }] })).toMatch(/ - 2027-01-01 12\.30\.00$/);
    expect(exportStem({ ...base, timeZone: 'America/Los_Angeles', start: '2028-03-01T07:59:59Z', channels: [{ name: 'Door' }] })).toMatch(/ - 2028-02-29 23\.59\.59$/);
    // 2026-11-01 01:30 happens twice in New York: the two starts get the same clock time (then " (2)" on disk)
    expect(exportStem({ ...base, start: '2026-11-01T05:30:00Z', channels: [{ name: 'Door' }] })).toMatch(/ - 2026-11-01 01\.30\.00$/);
    expect(exportStem({ ...base, start: '2026-11-01T06:30:00Z', channels: [{ name: 'Door' }] })).toMatch(/ - 2026-11-01 01\.30\.00$/);
    // an unknown zone falls back to UTC and says so
    expect(exportStem({ ...base, timeZone: 'Not/AZone', channels: [{ name: 'Door' }] })).toMatch(/ - 2026-04-19 14\.00\.00 UTC$/);
  });
});

describe('a full disk', () => {
  it('a real write to /dev/full gives disk_full in words', async () => {
    if (!fs.existsSync('/dev/full')) return void expect.soft(process.platform).not.toBe('linux');
    const url = await hostileServer(Buffer.alloc(256 * 1024, 7), 'attachment; filename="x.mp4"');
    const err = await downloadToFile({ url, headersFor: () => ({}), partPath: '/dev/full', etag: null }).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe('disk_full');
    expect(String((err as Error).message)).toMatch(/disk is full.*kept.*Resume/);
  });

  it('a tiny tmpfs fills up: disk_full, the partial stays, and a resume after freeing space completes the file', async (ctx) => {
    const mountPoint = tempDir('roc-tmpfs-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { stdio: 'ignore' });
    } catch {
      ctx.skip('mounting a tmpfs needs root; the /dev/full test covers the error mapping');
      return;
    }
    try {
      const body = Buffer.alloc(600 * 1024);
      for (let i = 0; i < body.length; i++) body[i] = (i * 31) % 251;
      const url = await hostileServer(body, 'attachment; filename="x.mp4"');
      const filler = path.join(mountPoint, 'filler');
      fs.writeFileSync(filler, Buffer.alloc(100 * 1024));
      const part = path.join(mountPoint, '.job.part');
      const err = await downloadToFile({ url, headersFor: () => ({}), partPath: part, etag: '"x"' }).catch((e: unknown) => e);
      expect(isAppError(err) && err.code).toBe('disk_full');
      const kept = fs.statSync(part).size;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(body.length);
      // free space: the filler goes; but 600 KB still do not fit in 256 KB, so move the partial to a bigger disk
      const roomy = tempDir('roc-roomy-');
      const movedPart = path.join(roomy, '.job.part');
      fs.copyFileSync(part, movedPart);
      const done = await downloadToFile({ url, headersFor: () => ({}), partPath: movedPart, etag: '"x"' });
      expect(done.bytes).toBe(body.length);
      expect(fs.readFileSync(movedPart).equals(body)).toBe(true);
    } finally {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' });
    }
  });
});
