// RetailNext video export: start (201 + location), status (202 / 302 / 404 / 424), DELETE, and the
// download of the rendered file on its own path (a presigned-style URL, like a CDN link).

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { SimContext } from '../../http/context';
import { HttpError } from '../../http/errors';
import { sendJson } from '../../http/json';
import type { Router, SimRequest } from '../../http/router';
import { parseExportRequest, type ExportParams } from './exportRequest';
import { ExportTasks } from './exportTasks';
import { sendFile } from './fileResponse';
import { ExportRenderer } from './renderer';

const TASK_PATH = '/v1/video/export/task';
const FILE_PATH = '/v1/video/export/file';

export function register(router: Router, ctx: SimContext): void {
  const renderer = new ExportRenderer(ctx.workDir);
  const tasks = new ExportTasks(renderer, () => ctx.now().getTime());
  const signingKey = randomBytes(32);
  ctx.onClose(() => renderer.close());

  const sign = (id: string): string => createHmac('sha256', signingKey).update(id).digest('base64url');
  const validSig = (id: string, sig: string | null): boolean => {
    if (!sig) return false;
    const a = Buffer.from(sign(id));
    const b = Buffer.from(sig);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  /** The base path of this subscription, e.g. /retailnext/demo */
  const basePath = (r: SimRequest): string => `/retailnext/${encodeURIComponent(r.subscription ?? '')}`;

  router.post('retailnext', '/v1/video/export/start', 'video.export.start', async (r) => {
    const params = await exportParams(r);
    const spec = parseExportRequest(ctx.estate, params);
    const task = tasks.start(spec);
    // the doc's location header is subscription-relative; ours carries the simulator's base path
    sendJson(r.res, 201, { ok: true }, { Location: `${basePath(r)}${TASK_PATH}/${task.id}` });
  });

  router.get('retailnext', `${TASK_PATH}/:id`, 'video.export.task', (r) => {
    const task = tasks.get(r.params.id ?? '');
    if (!task) throw new HttpError(404, 'export not found');
    if (tasks.isExpired(task)) throw new HttpError(404, 'export has expired');
    if (!task.settled || task.state.kind === 'rendering') {
      sendJson(r.res, 202, { ok: true, status: 'in_progress' });
      return;
    }
    if (task.state.kind === 'failed') {
      sendJson(r.res, 424, { ok: false, error: task.state.reason });
      return;
    }
    const file = task.state.file;
    const url = `${basePath(r)}${FILE_PATH}/${task.id}/export-${task.id}.${file.extension}?sig=${sign(task.id)}`;
    sendJson(r.res, 302, { ok: true, status: 'ready' }, { Location: url });
  });

  router.delete('retailnext', `${TASK_PATH}/:id`, 'video.export.delete', (r) => {
    if (!tasks.delete(r.params.id ?? '')) throw new HttpError(404, 'export not found');
    sendJson(r.res, 200, { ok: true });
  });

  // The download link works without the API keys (like a presigned URL) but only with its signature.
  router.get(
    'retailnext',
    `${FILE_PATH}/:id/:name`,
    'video.export.download',
    async (r) => {
      const id = r.params.id ?? '';
      if (!validSig(id, r.query.get('sig'))) throw new HttpError(403, 'invalid or missing download signature');
      const task = tasks.get(id);
      if (!task || task.state.kind !== 'ready' || !task.settled) throw new HttpError(404, 'export not found');
      if (tasks.isExpired(task)) throw new HttpError(404, 'export has expired');
      const file = task.state.file;
      await sendFile(r.req, r.res, {
        path: file.path,
        etag: `"${file.key}-${file.size}"`,
        contentType: file.contentType,
        filename: `export-${task.id}.${file.extension}`,
      });
    },
    { auth: false },
  );
}

/** Parameters from the query string (the doc's form), else a form-encoded or JSON body. */
async function exportParams(r: SimRequest): Promise<ExportParams> {
  if (r.query.has('channel')) return r.query;
  const raw = (await r.body()).toString('utf8').trim();
  if (raw === '') return r.query;
  if (raw.startsWith('{')) {
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'request body is not valid JSON');
    }
    const p = new URLSearchParams();
    if (obj && typeof obj === 'object') {
      for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
        for (const item of Array.isArray(v) ? v : [v]) p.append(k, typeof item === 'boolean' ? (item ? '1' : '0') : String(item));
      }
    }
    return p;
  }
  return new URLSearchParams(raw);
}
