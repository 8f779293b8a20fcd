import { useEffect, useState } from 'react';
import type { CoreStatus } from '../../../shared/app/contract';
import { api } from '../api/client';

/**
 * Says so when the console's core process stopped and is being started again, and when it runs
 * again (for a few seconds). Renders nothing while all is well.
 */
export function CoreStatusBanner() {
  const [status, setStatus] = useState<CoreStatus | null>(null);
  useEffect(() => {
    let hide: ReturnType<typeof setTimeout> | undefined;
    const off = api.subscribe('app.coreStatus', (s) => {
      clearTimeout(hide);
      setStatus(s);
      if (s.state === 'running') hide = setTimeout(() => setStatus(null), 5_000);
    });
    return () => {
      clearTimeout(hide);
      off();
    };
  }, []);
  if (!status) return null;
  return (
    <div className={status.state === 'running' ? 'offline-banner back' : 'offline-banner'} role="alert" data-testid="core-status" data-state={status.state}>
      <span>{status.state === 'running' ? <strong>{status.message}</strong> : <><strong>{status.message}</strong> What was on screen stays; anything that failed can be tried again once it is back.</>}</span>
    </div>
  );
}
