export { SyncView } from './SyncView';
export { SyncBadge } from './SyncBadge';
