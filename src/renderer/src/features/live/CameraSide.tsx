import { vendorLabels, type ConnectionView } from '../../../../shared/connections/types';
import type { WallCamera } from '../../../../shared/live/wall';
import { CameraListAge } from '../exports/CameraListAge';
import type { CameraList } from '../exports/cameraSources';
import { CameraTree } from './CameraTree';
import type { CameraSource } from './cameraTree';

/** What Live can show of the cameras now: the tree, or why not yet (still reading, no RetailNext connection). */
export type CameraSideState = 'reading-connections' | 'no-retailnext' | 'no-list-yet' | 'tree';

export function cameraSideState(connectionsLoaded: boolean, retailNext: readonly ConnectionView[], sources: readonly CameraSource[]): CameraSideState {
  if (!connectionsLoaded) return 'reading-connections';
  if (retailNext.length === 0) return 'no-retailnext';
  return sources.length === 0 ? 'no-list-yet' : 'tree';
}

/**
 * Above the wall, why there is nothing to watch when no connection gives video: Live plays RetailNext's
 * cameras; Flow and Exteros connections have none (the workspace may have only those).
 */
export function NoRetailNext({ others }: { others: readonly ConnectionView[] }) {
  const named = others.map((c) => `${c.name} (${vendorLabels[c.vendor]})`);
  return (
    <p className="muted" data-testid="live-no-connection">
      {others.length === 0 ? (
        <>No cameras to watch yet: Live plays the cameras of a RetailNext connection, and there is none. Add one in <a href="#connections">Connections</a>, or try the Demo workspace there.</>
      ) : (
        <>
          No cameras to watch: live video comes from RetailNext connections, and this workspace has only {joined(named)}, which {others.length === 1 ? 'gives' : 'give'} no video. Add a RetailNext connection in <a href="#connections">Connections</a> to watch stores live.
        </>
      )}
    </p>
  );
}

/**
 * The camera list beside the wall: the tree once a list has come; before that a line that says what is
 * being read (an empty tree read as "no cameras"), or where the cameras would come from.
 */
export function CameraSide({ state, lists, sources, onWall, onAdd }: { state: CameraSideState; lists: CameraList[]; sources: CameraSource[]; onWall: ReadonlyMap<string, number>; onAdd(cameras: WallCamera[], what: string): void }) {
  return (
    <>
      {state === 'reading-connections' && <p className="small muted" role="status" data-testid="camera-side-reading">Reading the connections…</p>}
      {state === 'no-retailnext' && <p className="small muted">The stores and cameras of a RetailNext connection are listed here once one is added.</p>}
      {state === 'tree' && <CameraTree sources={sources} onWall={onWall} onAdd={onAdd} />}
      {/* each connection's list: how old, or still being read, or why there is none */}
      {lists.map((l) => (
        <CameraListAge key={l.connection.id} list={l} named={lists.length > 1} />
      ))}
    </>
  );
}

function joined(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
