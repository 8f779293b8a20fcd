export { SyncView } from './SyncView';
export { SyncBadge } from './SyncBadge';
export { OfflineNotice } from './OfflineNotice';
export { reportNetworkToBackgroundSync } from './store';
