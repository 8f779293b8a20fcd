import { AppError } from '../../shared/contract/errors';
import { wallCamerasSchema } from '../../shared/live/contract';
import type { SavedWall } from '../../shared/live/types';
import { isWallLayout, type WallCamera, type WallLayout } from '../../shared/live/wall';
import type { CoreContext } from '../core/context';

interface Row {
  name: string;
  layout: number;
  cameras: string;
  created_at: string;
  updated_at: string;
}

/** Named live walls, kept in the cache's SQLite file across reloads and restarts. */
export class LiveWallsService {
  constructor(private readonly ctx: CoreContext) {}

  list(): SavedWall[] {
    const rows = this.ctx.db.prepare('SELECT name, layout, cameras, created_at, updated_at FROM live_walls ORDER BY name COLLATE NOCASE').all() as Row[];
    return rows.flatMap((r) => {
      const wall = this.read(r);
      return wall ? [wall] : [];
    });
  }

  save(name: string, layout: WallLayout, cameras: WallCamera[], replace: boolean): SavedWall {
    if (cameras.length === 0) throw new AppError('invalid_input', 'This wall has no cameras: add some before saving it.');
    const db = this.ctx.db;
    const now = this.ctx.now().toISOString();
    return db.transaction(() => {
      const old = db.prepare('SELECT name FROM live_walls WHERE name = ?').get(name) as { name: string } | undefined;
      if (old && !replace) throw new AppError('conflict', `A wall named "${old.name}" is already saved. Choose another name, or replace it.`);
      if (old) db.prepare('UPDATE live_walls SET name = ?, layout = ?, cameras = ?, updated_at = ? WHERE name = ?').run(name, layout, JSON.stringify(cameras), now, name);
      else db.prepare('INSERT INTO live_walls (name, layout, cameras, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(name, layout, JSON.stringify(cameras), now, now);
      return this.read(db.prepare('SELECT name, layout, cameras, created_at, updated_at FROM live_walls WHERE name = ?').get(name) as Row)!;
    })();
  }

  delete(name: string): { deleted: boolean } {
    return { deleted: this.ctx.db.prepare('DELETE FROM live_walls WHERE name = ?').run(name).changes > 0 };
  }

  /** A row that no longer reads as a wall (edited by hand, say) is left out and logged, never thrown at the list. */
  private read(r: Row): SavedWall | null {
    let cameras: unknown;
    try {
      cameras = JSON.parse(r.cameras);
    } catch {
      cameras = null;
    }
    const parsed = wallCamerasSchema.safeParse(cameras);
    if (!parsed.success || !isWallLayout(r.layout)) {
      this.ctx.log.log('warn', 'live: a saved wall does not read as a wall; left out of the list', { name: r.name });
      return null;
    }
    return { name: r.name, layout: r.layout, cameras: parsed.data, savedAt: r.updated_at };
  }
}
