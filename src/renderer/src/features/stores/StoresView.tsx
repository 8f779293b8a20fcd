import { useEffect, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import { countsOf } from '../../../../shared/estate/types';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { DataAgeNote } from './age';
import { StorePanelView } from './StorePanelView';
import { StoreTreeList, CountBadges } from './StoreTreeList';
import { followCacheChanges, newestAge, nodeById, syncEverything, useEstate } from './store';
import { VendorLinkEditor } from './VendorLinkEditor';
import { LocationActions } from '../admin/LocationAdmin';
import { locationUuidOf } from './StoreTreeList';
import { useConnections } from '../connections/store';

/** What an IT view shows when the cache is empty: a way to fill it. */
export function EmptyCache({ what }: { what: string }) {
  const [error, setError] = useState<ContractError | null>(null);
  const [started, setStarted] = useState(false);
  const { connections, loaded, load } = useConnections();
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  // With no connection there is nothing to sync: say where the data comes from instead.
  if (loaded && connections.length === 0) {
    return (
      <div className="empty" data-testid="empty-cache">
        <p>
          No {what} yet: there is no connection to sync them from. Add one in <a href="#connections">Connections</a>, or try the Demo workspace there.
        </p>
      </div>
    );
  }
  return (
    <div className="empty" data-testid="empty-cache">
      <p>No {what} in the cache yet. Sync the connections to fill it; everything here then works offline.</p>
      <button
        type="button"
        className="primary"
        disabled={started}
        onClick={async () => {
          setStarted(true);
          const e = await syncEverything();
          setError(e);
          if (e) setStarted(false);
        }}
      >
        {started ? 'Syncing…' : 'Sync all connections now'}
      </button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}

export function StoresView() {
  const { tree, error, loading, selected, panel, panelError, load, select, loadPanel } = useEstate();
  useEffect(() => {
    void load(true).then(() => {
      // A store kept selected across a reload: its panel again.
      const { selected, panel, select } = useEstate.getState();
      if (selected && !panel) select(selected);
    });
    return followCacheChanges(() => {
      void load(true);
      const shown = useEstate.getState().panel;
      if (shown) void useEstate.getState().loadPanel(shown.storeUuid);
    });
  }, [load]);
  const node = nodeById(tree, selected);
  const link = node?.kind === 'vendor_location' ? tree?.links.find((l) => `v:${l.connectionId}:${l.key}` === node.id) : undefined;

  return (
    <div className="it-view">
      <div className="view-header">
        <h1>Stores</h1>
        <DataAgeNote fetchedAt={newestAge(tree)} />
      </div>
      {error && <ErrorMessage error={error} onBack={() => void load(true)} />}
      {!tree && loading && <p className="muted">Loading the store tree…</p>}
      {tree && tree.ages.length === 0 && <EmptyCache what="stores" />}
      {tree && tree.ages.length > 0 && (
        <div className="it-split">
          <StoreTreeList tree={tree} selected={selected} onSelect={select} />
          <div className="it-side">
            {panelError && <ErrorMessage error={panelError} onBack={node?.storeUuid ? () => void loadPanel(node.storeUuid!) : undefined} />}
            {node?.storeUuid && panel && panel.storeUuid === node.storeUuid && <StorePanelView panel={panel} />}
            {link && <VendorLinkEditor key={link.key} tree={tree} link={link} />}
            {node && !node.storeUuid && !link && (
              <section className="card it-panel">
                <h2>
                  {node.name} <CountBadges counts={countsOf(node)} />
                </h2>
                <p className="muted">{node.kind === 'unplaced' ? 'Vendor locations not matched to a RetailNext store, and devices or alerts whose store is not in the tree.' : `A ${node.kind.replace('_', ' ')}. Choose a store to see its panel.`}</p>
                {locationUuidOf(node.id) && <LocationActions key={node.id} uuid={locationUuidOf(node.id)!} kind={node.kind === 'region' ? 'region' : 'sublocation'} />}
              </section>
            )}
            {!node && <p className="muted">Choose a store to see its hours, occupancy, devices and alerts.</p>}
          </div>
        </div>
      )}
    </div>
  );
}
