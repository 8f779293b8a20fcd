import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { ConnectionsView } from '../features/connections/ConnectionsView';
import { followConnectionChanges, useConnections } from '../features/connections/store';
import { StoresView } from '../features/stores/StoresView';
import { InventoryView } from '../features/inventory/InventoryView';
import { AlertsView } from '../features/alerts/AlertsView';
import { AlertsBadge } from '../features/alerts/AlertsBadge';
import { OfflineNotice, reportNetworkToBackgroundSync, SyncBadge, SyncView } from '../features/sync';
import { CoreStatusBanner } from '../ui/CoreStatusBanner';
import { commandShortcuts, shortcutText } from '../../../shared/app/shortcuts';
import { CommandPalette } from '../features/keyboard/CommandPalette';
import { isMacPlatform } from '../features/keyboard/keys';
import { ShortcutsDialog } from '../features/keyboard/ShortcutsDialog';
import { AboutDialog } from '../features/about/AboutDialog';
import { useKeyboard } from '../features/keyboard/store';
import { useGlobalShortcuts } from '../features/keyboard/useGlobalShortcuts';
import { keepLastView, restoreLastView } from '../ui/lastView';

// Views with heavy libraries (hls.js, uPlot, zod) load when first opened, so the first screen does not wait for them.
const LiveView = lazy(() => import('../features/live/LiveView').then((m) => ({ default: m.LiveView })));
const ExportsView = lazy(() => import('../features/exports/ExportsView').then((m) => ({ default: m.ExportsView })));
const ReportsView = lazy(() => import('../features/reports/ReportsView').then((m) => ({ default: m.ReportsView })));
const AuditView = lazy(() => import('../features/audit/AuditView').then((m) => ({ default: m.AuditView })));
const UsersView = lazy(() => import('../features/admin/UsersView').then((m) => ({ default: m.UsersView })));
const BulkView = lazy(() => import('../features/admin/BulkView').then((m) => ({ default: m.BulkView })));
const ChangesView = lazy(() => import('../features/admin/ChangesView').then((m) => ({ default: m.ChangesView })));
const OccupancyBoardView = lazy(() => import('../features/occupancyBoard/OccupancyBoardView').then((m) => ({ default: m.OccupancyBoardView })));
const FloorplanView = lazy(() => import('../features/storeLayout/FloorplanView').then((m) => ({ default: m.FloorplanView })));
const OccupancyView = lazy(() => import('../features/admin/OccupancyView').then((m) => ({ default: m.OccupancyView })));

interface ViewEntry {
  id: string;
  label: string;
  component: ComponentType;
  /** Shown beside the label in the sidebar (e.g. a count of new items). */
  badge?: ComponentType;
  /** Reached by a link (#id/argument), not listed in the sidebar. */
  hidden?: boolean;
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
  { id: 'board', label: 'Occupancy board', component: OccupancyBoardView },
  { id: 'users', label: 'Users', component: UsersView },
  { id: 'bulk', label: 'Bulk changes', component: BulkView },
  { id: 'changes', label: 'Change log', component: ChangesView },
  { id: 'sync', label: 'Sync', component: SyncView, badge: SyncBadge },
  { id: 'occupancy', label: 'Correct occupancy', component: OccupancyView, hidden: true },
  { id: 'floorplan', label: 'Floorplan', component: FloorplanView, hidden: true },
];

export function App() {
  const [current, setCurrent] = useState(() => {
    restoreLastView((id) => views.some((v) => v.id === id));
    return viewFromHash() ?? views[0]!.id;
  });
  useEffect(() => keepLastView(), []);
  useEffect(() => followConnectionChanges(), []);
  useEffect(() => reportNetworkToBackgroundSync(), []);
  useGlobalShortcuts();
  const overlay = useKeyboard((s) => s.open);
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
        <button type="button" className="sidebar-palette" onClick={() => useKeyboard.getState().show('palette')} title="Command palette: go to a store, camera, view or action">
          <span>Go to…</span>
          <kbd>{shortcutText(commandShortcuts.find((c) => c.command === 'palette')!.accelerator, isMacPlatform(navigator.platform))}</kbd>
        </button>
        {demo && (
          <div className="sidebar-demo" title="The Demo workspace is on: its stores, devices and figures come from the built-in simulator.">
            Demo workspace · invented data
          </div>
        )}
        {views.filter((v) => !v.hidden).map((v) => (
          <a key={v.id} href={`#${v.id}`} className={v.id === current ? 'active' : undefined} aria-current={v.id === current ? 'page' : undefined}>
            {v.label}
            {v.badge && <v.badge />}
          </a>
        ))}
      </nav>
      <main className="content">
        <CoreStatusBanner />
        <OfflineNotice />
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <View />
        </Suspense>
      </main>
      {overlay === 'palette' && <CommandPalette />}
      {overlay === 'shortcuts' && <ShortcutsDialog />}
      {overlay === 'about' && <AboutDialog />}
    </div>
  );
}

/** `#view` or `#view/argument` (a store, a bulk change): the part before the slash names the view. */
function viewFromHash(): string | undefined {
  const id = window.location.hash.replace(/^#/, '').split('/')[0]!;
  return views.some((v) => v.id === id) ? id : undefined;
}
