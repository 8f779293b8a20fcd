import { DataAge } from '../../ui/DataAge';
import { ErrorMessage } from '../../ui/ErrorMessage';
import type { CameraList } from './cameraSources';

/** Under the camera tree: where a connection's list comes from and how old it is, or why there is none. */
export function CameraListAge({ list, named }: { list: CameraList; named: boolean }) {
  const { connection, sources, fromCache, refreshError, reading } = list;
  const who = named ? `${connection.name}: ` : '';
  if (sources) {
    return (
      <p className="small muted camera-list-age" data-testid="camera-list-age">
        {who}
        <DataAge fetchedAt={sources.fetchedAt} label={fromCache ? 'Camera list from the last sync,' : 'Camera list read from RetailNext'} />
        {refreshError && `. Not refreshed: ${refreshError.message}`}
      </p>
    );
  }
  if (reading) return <p className="small muted">Reading the cameras of {connection.name}…</p>;
  if (refreshError) {
    return (
      <div>
        <p className="small">{connection.name}:</p>
        <ErrorMessage error={refreshError} />
      </div>
    );
  }
  return <p className="small muted">{who}Offline, and the cameras were never synced: sync {connection.name} once online to list them here.</p>;
}
