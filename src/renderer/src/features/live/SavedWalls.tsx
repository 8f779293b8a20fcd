import { useEffect, useState, type FormEvent } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import type { SavedWall } from '../../../../shared/live/types';
import { cameraKey } from '../../../../shared/live/wall';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useLive } from './store';

/** Whether the wall shown is still the saved one (same cameras in the same order, same layout). */
export function sameWall(saved: SavedWall, cameras: readonly { connectionId: string; channelUuid: string }[], layout: number): boolean {
  return saved.layout === layout && saved.cameras.length === cameras.length && saved.cameras.every((c, i) => cameraKey(c) === cameraKey(cameras[i]!));
}

/** Walls saved under a name: save the wall shown, open one, delete one (after a second click). */
export function SavedWalls() {
  const { walls, wallsError, wallName, cameras, layout, loadWalls, saveWall, openWall, deleteWall } = useLive();
  const [name, setName] = useState(wallName ?? '');
  const [saveError, setSaveError] = useState<ContractError | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  useEffect(() => void loadWalls(), [loadWalls]);
  useEffect(() => setName(wallName ?? ''), [wallName]);

  const save = async (replace: boolean) => {
    const error = await saveWall(name, replace);
    setSaveError(error);
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  return (
    <section className="live-walls" aria-label="Saved walls">
      <h2>Saved walls</h2>
      <form className="live-walls-save" onSubmit={onSubmit}>
        <input aria-label="Wall name" placeholder="Name this wall…" maxLength={80} value={name} onChange={(e) => (setName(e.target.value), setSaveError(null))} />
        <button type="submit" disabled={cameras.length === 0 || !name.trim()} title={cameras.length === 0 ? 'Add cameras to the wall first' : 'Save the cameras and layout under this name'}>Save</button>
      </form>
      {saveError && (
        <div>
          <ErrorMessage error={saveError} />
          {saveError.code === 'conflict' && (
            <button type="button" className="live-walls-replace" onClick={() => void save(true)}>Replace "{name.trim()}"</button>
          )}
        </div>
      )}
      {wallsError && <ErrorMessage error={wallsError} onBack={walls === null ? () => void loadWalls() : undefined} />}
      {walls && walls.length === 0 && <p className="small muted">No saved walls yet: build a wall, name it, and Save.</p>}
      {walls && walls.length > 0 && (
        <ul className="live-walls-list">
          {walls.map((w) => {
            const current = w.name === wallName && sameWall(w, cameras, layout);
            return (
              <li key={w.name} data-testid="saved-wall" className={current ? 'current' : undefined}>
                <button type="button" className="live-walls-open" onClick={() => (openWall(w), setConfirming(null))} title={`Open "${w.name}": ${w.cameras.length} cameras, ${w.layout} per page`} aria-label={`Open the saved wall ${w.name}`} aria-current={current ? 'true' : undefined}>
                  <span className="live-walls-name">{w.name}</span>
                  <span className="live-tree-meta">{current ? 'shown' : `${w.cameras.length} cam`}</span>
                </button>
                {confirming === w.name ? (
                  <>
                    <button type="button" className="danger" onClick={() => (void deleteWall(w.name), setConfirming(null))}>Delete</button>
                    <button type="button" onClick={() => setConfirming(null)}>Keep</button>
                  </>
                ) : (
                  <button type="button" className="live-walls-delete" aria-label={`Delete the saved wall ${w.name}`} title="Delete this saved wall" onClick={() => setConfirming(w.name)}>✕</button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
