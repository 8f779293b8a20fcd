import { useEffect, useState } from 'react';
import type { CoreStatus } from '../../../shared/app/contract';
import { formatClock } from '../../../shared/time/format';
import { api, goneRetryMs } from '../api/client';

/**
 * Says so when the console's core process stopped and is being started again, and when it runs
 * again (for a few seconds). In browser mode, once the local server itself is gone, it offers to try
 * it again at once (by itself the tab tries only every 30 s) and says how that went. Renders nothing while all is well.
 */
export function CoreStatusBanner() {
  const [status, setStatus] = useState<CoreStatus | null>(null);
  // A "Try again" under way, or the time the last one found the server still gone.
  const [retry, setRetry] = useState<'trying' | { failedAt: number } | null>(null);
  useEffect(() => {
    let hide: ReturnType<typeof setTimeout> | undefined;
    const off = api.subscribe('app.coreStatus', (s) => {
      clearTimeout(hide);
      setStatus(s);
      setRetry(null);
      if (s.state === 'running') hide = setTimeout(() => setStatus(null), 5_000);
    });
    return () => {
      clearTimeout(hide);
      off();
    };
  }, []);
  if (!status) return null;
  const tryAgain = async () => {
    setRetry('trying');
    // Connected: the 'running' status replaces this one.
    if (!(await api.reconnectNow())) setRetry({ failedAt: Date.now() });
  };
  return (
    <div className={status.state === 'running' ? 'offline-banner back' : 'offline-banner'} role="alert" data-testid="core-status" data-state={status.state}>
      <span>
        {status.state === 'running' ? <strong>{status.message}</strong> : <><strong>{status.message}</strong> What was on screen stays; anything that failed can be tried again once it is back.</>}
        {retry !== null && retry !== 'trying' && (
          <span data-testid="core-retry-result"> Tried again at {formatClock(retry.failedAt, { seconds: true })}: the local server still does not answer. This tab also tries by itself every {goneRetryMs / 1000} s.</span>
        )}
      </span>
      {status.serverGone && status.state !== 'running' && (
        <span className="offline-banner-actions">
          <button onClick={() => void tryAgain()} disabled={retry === 'trying'}>
            {retry === 'trying' ? 'Trying…' : 'Try again'}
          </button>
        </span>
      )}
    </div>
  );
}
