import { useEffect } from 'react';
import { api } from '../../api/client';
import { openAlert, useAlerts } from './store';

/**
 * The sidebar badge: alerts new since they were last looked at. New alerts after a sync also make
 * a notification: the desktop shell shows its own; in browser mode the page uses the Notifications API.
 */
export function AlertsBadge() {
  const badge = useAlerts((s) => s.badge);
  useEffect(() => {
    void useAlerts.getState().refreshBadge();
    // Which shell the page runs in, asked at the first new alerts (the badge is shown for the window's life).
    let shellKind: Promise<'desktop' | 'browser'> | null = null;
    const shell = () => (shellKind ??= api.call('app.info', {}).then((r) => (r.ok ? r.value.shell : 'browser')));
    return api.subscribe('alerts.new', (e) => {
      void useAlerts.getState().refreshBadge();
      void shell().then((kind) => {
        if (kind !== 'browser' || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
        const first = e.sample[0];
        const n = new Notification(e.count === 1 ? 'New health alert' : `${e.count} new health alerts`, { body: first ? `${first.storeName}: ${first.description} (${first.subjectName})` : undefined, tag: 'roc-alerts' });
        n.onclick = () => {
          window.focus();
          if (first) openAlert(first.uuid);
        };
      });
    });
  }, []);
  if (badge === 0) return null;
  return (
    <span className="it-badge" aria-label={`${badge} new alerts`} data-testid="alerts-badge">
      {badge}
    </span>
  );
}
