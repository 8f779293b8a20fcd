import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cameraKey, storeKey, type WallCamera } from '../../../../shared/live/wall';
import { cameraRows, type CameraRow, type CameraSource } from './cameraTree';

interface Props {
  sources: CameraSource[];
  /** Cameras on the wall: cameraKey -> page (0-based). */
  onWall: ReadonlyMap<string, number>;
  onAdd(cameras: WallCamera[], what: string): void;
}

/**
 * Stores and their cameras, as a VMS client's camera tree: search, click (or Enter) adds a store's
 * cameras or one camera to the wall; arrow keys move, Right opens a store, Left closes it.
 */
export function CameraTree({ sources, onWall, onAdd }: Props) {
  const [search, setSearch] = useState('');
  const [toggled, setToggled] = useState<Set<string>>(() => new Set());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const { rows, stores, more } = useMemo(() => cameraRows(sources, search, toggled), [sources, search, toggled]);
  const focusIndex = Math.max(0, rows.findIndex((r) => r.key === focusKey));

  const toggle = (key: string) =>
    setToggled((s) => {
      const next = new Set(s);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const storeOf = (r: CameraRow) => (r.store ? storeKey({ connectionId: r.connectionId, storeUuid: r.store.uuid }) : '');
  const add = (r: CameraRow) => {
    if (r.kind === 'store') onAdd(r.cameras, r.label);
    else if (r.kind === 'camera') onAdd(r.cameras, `${r.store?.name ?? ''} · ${r.label}`);
  };
  const moveTo = (i: number) => {
    const r = rows[Math.min(rows.length - 1, Math.max(0, i))];
    if (!r) return;
    setFocusKey(r.key);
    list.current?.querySelector<HTMLElement>(`[data-key="${CSS.escape(r.key)}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent, r: CameraRow, i: number) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(i + 1),
      ArrowUp: () => moveTo(i - 1),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      Enter: () => add(r),
      ' ': () => (r.kind === 'store' ? toggle(storeOf(r)) : add(r)),
      ArrowRight: () => (r.kind === 'store' && !r.expanded ? toggle(storeOf(r)) : moveTo(i + 1)),
      ArrowLeft: () => {
        if (r.kind === 'store' && r.expanded) return toggle(storeOf(r));
        for (let j = i - 1; j >= 0; j--) if (rows[j]!.level < r.level) return moveTo(j);
      },
    };
    const act = keys[e.key];
    if (!act) return;
    e.preventDefault();
    act();
  };

  return (
    <div className="live-tree">
      <input type="search" placeholder="Find a store or camera…" aria-label="Search cameras" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="small muted" aria-live="polite">
        {search ? `${stores} ${stores === 1 ? 'store' : 'stores'} match` : `${stores} ${stores === 1 ? 'store' : 'stores'} with cameras`}
        {more > 0 && ` · ${more} more not listed: type to narrow`}
      </div>
      {rows.length === 0 && sources.length > 0 && <p className="muted small">{search ? 'No store or camera matches this search.' : 'No store has cameras with video.'}</p>}
      <div className="live-tree-rows" role="tree" aria-label="Cameras" ref={list}>
        {rows.map((r, i) => {
          const sk = storeOf(r);
          const count = r.kind === 'store' ? r.cameras.filter((c) => onWall.has(cameraKey(c))).length : 0;
          const page = r.kind === 'camera' ? onWall.get(cameraKey(r.cameras[0]!)) : undefined;
          const title =
            r.kind === 'store'
              ? `${r.label}: ${r.cameras.length} ${r.cameras.length === 1 ? 'camera' : 'cameras'}. Click or press Enter to add them to the wall; Right arrow lists them.`
              : r.kind === 'camera'
                ? `${r.store?.name} · ${r.label}. Click or press Enter to add it to the wall.`
                : r.label;
          return (
            <div
              key={r.key}
              data-key={r.key}
              data-testid={`camera-tree-${r.kind}`}
              role="treeitem"
              aria-level={r.level}
              aria-expanded={r.kind === 'store' ? r.expanded : undefined}
              aria-label={r.kind === 'camera' ? `${r.store?.name} · ${r.label}` : r.label}
              tabIndex={i === focusIndex ? 0 : -1}
              className={`live-tree-row live-tree-${r.kind}${page !== undefined || (count > 0 && count === r.cameras.length) ? ' on-wall' : ''}`}
              style={{ paddingLeft: 4 + (r.level - 1) * 14 }}
              title={title}
              onFocus={() => setFocusKey(r.key)}
              onClick={() => (setFocusKey(r.key), add(r))}
              onKeyDown={(e) => onKey(e, r, i)}
            >
              {r.kind === 'store' ? (
                <button
                  type="button"
                  className="live-tree-toggle"
                  tabIndex={-1}
                  aria-label={r.expanded ? `Hide the cameras of ${r.label}` : `Show the cameras of ${r.label}`}
                  onClick={(e) => (e.stopPropagation(), toggle(sk))}
                >
                  {r.expanded ? '▾' : '▸'}
                </button>
              ) : r.kind === 'camera' ? (
                <span className="live-tree-dot" aria-hidden="true">●</span>
              ) : null}
              <span className="live-tree-name">{r.label}</span>
              {r.kind === 'store' && <span className="live-tree-meta">{count > 0 ? `${count}/${r.cameras.length} on wall` : `${r.cameras.length} cam`}</span>}
              {page !== undefined && <span className="live-tree-meta">on wall · p{page + 1}</span>}
              {r.kind !== 'connection' && <span className="live-tree-add" aria-hidden="true">+ Add</span>}
            </div>
          );
        })}
      </div>
    </div>
  );
}
