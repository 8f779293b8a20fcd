import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../shared/app/contract';
import type { ContractError } from '../../../../shared/contract/errors';
import { formatClock } from '../../../../shared/time/format';
import { updateStatusLine, type UpdateStatus } from '../../../../shared/updates/updatePolicy';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { ModalDialog } from '../keyboard/ModalDialog';
// after the frame's own styles (keyboard.css, through ModalDialog), which it narrows
import './about.css';

/** The About dialog (Help menu, command palette): the version, where the data lives, and whether the console updates itself. */
export function AboutDialog() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [updates, setUpdates] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    const off = api.subscribe('app.updates', setUpdates);
    void api.call('app.info', {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setInfo(r.value);
      setUpdates((now) => now ?? r.value.updates);
    });
    return off;
  }, []);

  return (
    <ModalDialog title="About Retail Ops Console" titleId="about-title" className="about-dialog">
      <div className="about-body">
        {error && <ErrorMessage error={error} />}
        {!info && !error && <p className="muted">Loading…</p>}
        {info && (
          <dl className="about-facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Running as</dt>
            <dd>{info.shell === 'desktop' ? 'the desktop app' : 'browser mode (npm run serve)'}</dd>
            <dt>Data folder</dt>
            <dd className="about-path">{info.dataDir}</dd>
            <dt>Cache schema</dt>
            <dd>version {info.schemaVersion}</dd>
          </dl>
        )}
        {updates && <UpdatesLine status={updates} />}
      </div>
    </ModalDialog>
  );
}

/** The updates line; with an update ready, Restart now (refused in words during a download or an export) or Later. */
export function UpdatesLine({ status }: { status: UpdateStatus }) {
  const [later, setLater] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const ready = status.offReason === null && status.phase.phase === 'ready' ? status.phase.version : null;
  const restart = async () => {
    setAsking(true);
    setRefused(null);
    const r = await api.call('app.restartToUpdate', {});
    setAsking(false);
    if (!r.ok) setRefused(r.error.message);
    else if (!r.value.restart) setRefused(r.value.reason);
  };
  return (
    <div className="about-updates" data-testid="updates-line">
      <p className={status.offReason ? 'muted' : undefined}>{updateStatusLine(status, (at) => formatClock(at))}</p>
      {ready && later !== ready && (
        <div className="about-restart">
          <button type="button" className="primary" disabled={asking} onClick={() => void restart()}>
            Restart now
          </button>
          <button type="button" onClick={() => setLater(ready)}>
            Later
          </button>
        </div>
      )}
      {ready && later === ready && <p className="small muted">The update waits: open About again and choose Restart now when it suits you.</p>}
      {refused && (
        <p className="small" role="status">
          Not restarting yet: {refused}
        </p>
      )}
    </div>
  );
}
