import { useEffect } from 'react';
import type { ContractError } from '../../../shared/contract/errors';
import { lossState, useCoreLink } from '../api/coreLink';

/**
 * A failure in words: the message for the user, the detail (vendor's words, field) below it.
 *
 * A call that failed because the core could not be reached is the banner's to tell: while the
 * banner says so, this says only that it is waiting for it. `onBack`: what reads the data again
 * (never a write): called once the core is back, instead of leaving the failure standing.
 */
export function ErrorMessage({ error, onBack }: { error: ContractError; onBack?: () => void }) {
  const link = useCoreLink();
  const loss = lossState(error, link);
  const again = loss?.back === true && onBack !== undefined;
  useEffect(() => {
    if (again) onBack?.();
    // once per failure (onBack may be a new function at every render): a read that fails again is a new failure
  }, [again, error]);
  if (loss && !loss.back && link.down) {
    return (
      <p className="muted small" role="status" data-testid="waiting-for-core">
        {onBack
          ? "Not loaded: the console's core cannot be reached (see the message above). This loads again by itself once it is back."
          : "Not done: the console's core cannot be reached (see the message above). Try again once it is back."}
      </p>
    );
  }
  if (again) return <p className="muted small" role="status" data-testid="waiting-for-core">The console runs again: loading…</p>;
  return (
    <div className="error" role="alert" data-code={error.code}>
      <strong>{error.message}</strong>
      {error.detail && <div className="detail">{error.detail}</div>}
    </div>
  );
}
