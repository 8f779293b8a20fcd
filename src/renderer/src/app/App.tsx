import { useEffect, useState, type ComponentType } from 'react';
import { ConnectionsView } from '../features/connections/ConnectionsView';
import { followConnectionChanges, useConnections } from '../features/connections/store';
import { ReportsView } from '../features/reports/ReportsView';
import { StoresView } from '../features/stores/StoresView';
import { InventoryView } from '../features/inventory/InventoryView';
import { AuditView } from '../features/audit/AuditView';
import { AlertsView } from '../features/alerts/AlertsView';
import { AlertsBadge } from '../features/alerts/AlertsBadge';
import { ExportsView } from '../features/exports/ExportsView';
import { LiveView } from '../features/live/LiveView';
import { SyncBadge, SyncView } from '../features/sync';

interface ViewEntry {
  id: string;
  label: string;
  component: ComponentType;
  /** Shown beside the label in the sidebar (e.g. a count of new items). */
  badge?: ComponentType;
}

/** The views of the console, in the order of the sidebar. Features add themselves here. */
const views: ViewEntry[] = [
  { id: 'connections', label: 'Connections', component: ConnectionsView },
  { id: 'stores', label: 'Stores', component: StoresView },
  { id: 'inventory', label: 'Inventory', component: InventoryView },
  { id: 'audit', label: 'Audit', component: AuditView },
  { id: 'alerts', label: 'Alerts', component: AlertsView, badge: AlertsBadge },
  { id: 'live', label: 'Live', component: LiveView },
  { id: 'exports', label: 'Exports', component: ExportsView },
  { id: 'reports', label: 'Reports', component: ReportsView },
  { id: 'sync', label: 'Sync', component: SyncView, badge: SyncBadge },
];

export function App() {
  const [current, setCurrent] = useState(() => viewFromHash() ?? views[0]!.id);
  useEffect(() => followConnectionChanges(), []);
  const { loaded, load, connections } = useConnections();
  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  const demo = connections.some((c) => c.isDemo);
  useEffect(() => {
    const onHash = () => setCurrent(viewFromHash() ?? views[0]!.id);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const View = (views.find((v) => v.id === current) ?? views[0]!).component;

  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Views">
        <div className="brand">Retail Ops Console</div>
        {demo && (
          <div className="sidebar-demo" title="The Demo workspace is on: its stores, devices and figures come from the built-in simulator.">
            Demo workspace · invented data
          </div>
        )}
        {views.map((v) => (
          <a key={v.id} href={`#${v.id}`} className={v.id === current ? 'active' : undefined} aria-current={v.id === current ? 'page' : undefined}>
            {v.label}
            {v.badge && <v.badge />}
          </a>
        ))}
      </nav>
      <main className="content">
        <View />
      </main>
    </div>
  );
}

function viewFromHash(): string | undefined {
  const id = window.location.hash.replace(/^#/, '');
  return views.some((v) => v.id === id) ? id : undefined;
}
