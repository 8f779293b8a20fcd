import { useEffect, useState } from 'react';
import type { ExportJobView } from '../../../../shared/exports/types';
import { formatSeconds } from './format';

/**
 * While RetailNext renders: the time so far and, from this connection's past renders, how long it
 * usually takes. RetailNext's export status says only "in progress" (HTTP 202, no percentage), so
 * the bar is the time so far against the estimate and says so.
 */
export function RenderProgress({ job, now: fixedNow }: { job: ExportJobView; now?: number }) {
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    if (fixedNow !== undefined) return;
    const timer = setInterval(() => setTick(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [fixedNow]);
  const now = fixedNow ?? tick;
  const since = Date.parse(job.renderStartedAt ?? job.createdAt);
  const elapsed = Math.max(0, Math.floor((now - since) / 1000));
  const est = job.renderEstimate;
  const basis = est ? `from ${est.basedOn === 1 ? 'the last export' : `the last ${est.basedOn} exports`} of this connection` : '';
  return (
    <div className="export-progress export-render" data-testid="render-progress">
      {est && <progress max={est.seconds} value={Math.min(elapsed, est.seconds * 0.95)} aria-label="Rendering, estimated from past exports" />}
      <span>
        <span data-testid="render-elapsed">{formatSeconds(elapsed)} so far</span>
        {est ? (
          elapsed <= est.seconds ? (
            <> · about {formatSeconds(est.seconds)} in all, {formatSeconds(est.seconds - elapsed)} left ({basis})</>
          ) : (
            <> · taking longer than the usual {formatSeconds(est.seconds)} ({basis})</>
          )
        ) : (
          <> · no estimate yet: the first export of this connection sets one</>
        )}
        <span className="muted"> · RetailNext does not report progress while it renders.</span>
      </span>
    </div>
  );
}
