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
    const placed = placeFinishedFile(part, folder, { storeName: '../../Store\u0000 <CON>', channels: [{ name: 'Door/1' }, { name: 'C:\\cam' }], start: '2026-04-19T10:00:00Z', end: '2026-04-19T10:05:00Z' }, ext);
    expect(path.dirname(placed.filePath)).toBe(folder);
    expect(fs.readdirSync(folder)).toEqual([placed.fileName]);
    expect([...placed.fileName].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 32)).toBe(false);
    expect(placed.fileName).toMatch(/_20260419T100000Z-20260419T100500Z\.(mp4|mkv|mov|avi|ts|m4v|webm)$/);
    expect(fs.readFileSync(placed.filePath)).toEqual(body);
  });

  it('names: reserved, empty, long and control-character names', () => {
    // a Windows device name is only reserved as the whole stem: "CON_..." is an ordinary name
    expect(exportStem({ storeName: 'CON', channels: [], start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' })).not.toMatch(/^CON(\.|$)/i);
    const long = exportStem({ storeName: 'é'.repeat(400), channels: [{ name: 'x'.repeat(300) }], start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' });
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(150);
    expect(exportStem({ storeName: '...', channels: [{ name: '\u0001\u0002' }], start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' })).toMatch(/^store_1ch_/);
    expect(() => insideFolder('/tmp/x', '../y')).toThrow();
    expect(() => insideFolder('/tmp/x', '/etc/passwd')).toThrow();
    expect(() => insideFolder('/tmp/x', 'a/b')).toThrow();
    expect(pickExtension('attachment; filename="x.sh"', 'application/x-sh', 'mp4')).toBe('mp4');
    expect(pickExtension(null, 'video/x-matroska', 'mp4')).toBe('mkv');
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
