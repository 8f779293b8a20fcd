import { vendorLabels } from '../../../../shared/connections/types';
import { useConnections } from '../connections/store';
import { OfflineBanner } from '../../ui/OfflineBanner';
import { useSync } from './store';

/** The offline notice at the top of the page, wired to sync: check the unreachable connections again, refresh what failed. */
export function OfflineNotice() {
  const checking = useSync((s) => s.checking);
  const connections = useConnections((s) => s.connections);
  return (
    <OfflineBanner
      onRefresh={() => void useSync.getState().refreshFailed()}
      onCheck={() => void useSync.getState().checkConnectivity()}
      checking={checking}
      nameOf={(id) => connections.find((c) => c.id === id)?.name}
      vendorOf={(id) => {
        const vendor = connections.find((c) => c.id === id)?.vendor;
        return vendor && vendorLabels[vendor];
      }}
    />
  );
}
