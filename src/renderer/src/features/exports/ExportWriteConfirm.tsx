import { useState } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import type { ExportJobView, ExportWritePreview } from '../../../../shared/exports/types';
import { useConnectivity } from '../../ui/connectivity';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useExports } from './store';

const titles: Record<ExportWritePreview['action'], string> = {
  start: 'Start this export at RetailNext?',
  retry: 'Ask RetailNext for this export again?',
  delete: 'Delete this export at RetailNext?',
};
const buttons: Record<ExportWritePreview['action'], [string, string]> = {
  start: ['Confirm and start', 'Starting…'],
  retry: ['Confirm and ask again', 'Asking…'],
  delete: ['Confirm and delete', 'Deleting…'],
};

/**
 * Preview, confirm, outcome for a write to RetailNext about an export (start, retry, delete): what it
 * creates or removes there and what stays on this computer. Confirm is pressed once (the button is
 * disabled while it is sent, and the core sends a preview only once anyway); the write is kept in the Change log.
 */
export function ExportWriteConfirm({ preview, onClose }: { preview: ExportWritePreview; onClose(): void }) {
  const confirm = useExports((s) => s.confirm);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const [result, setResult] = useState<ExportJobView | null>(null);
  const connectivity = useConnectivity();
  const offline = connectivity.browserOffline;
  const [label, busyLabel] = buttons[preview.action];
  const send = async () => {
    if (sending) return;
    setSending(true);
    const r = await confirm(preview.previewId);
    setSending(false);
    if ('error' in r) setError(r.error);
    else setResult(r.job);
  };
  const failed = result?.state === 'failed';
  return (
    <div className={`export-confirm card${preview.action === 'delete' ? ' export-confirm-delete' : ''}`} role="dialog" aria-label={titles[preview.action]} data-testid="export-write-confirm" data-action={preview.action}>
      <h3>{titles[preview.action]}</h3>
      <p className="export-confirm-summary">
        <strong>{preview.summary}</strong> <span className="muted small">· {preview.connectionName}</span>
      </p>
      <dl className="export-confirm-lines">
        {preview.lines.map((l) => (
          <div key={l.label}>
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
      </dl>
      {preview.notes.map((n) => (
        <p key={n} className="small muted">{n}</p>
      ))}
      {preview.blocked && (
        <div className="error" role="alert" data-testid="export-write-blocked">
          <strong>Not sent:</strong> {preview.blocked}
        </div>
      )}
      {offline && !result && <div className="error">The vendors cannot be reached: writes are refused while offline, never queued.</div>}
      {error && <ErrorMessage error={error} />}
      {result && (
        <div className={failed ? 'error' : 'success'} role="status" data-testid="export-write-outcome" data-state={result.state}>
          {failed ? (
            <>
              <strong>Not started:</strong> {result.reason?.message ?? 'RetailNext refused it.'} It stays in the list as failed, and in the Change log.
            </>
          ) : preview.action === 'delete' ? (
            <>Deleted at RetailNext; kept in the Change log.</>
          ) : (
            <>Sent: RetailNext is making the export (task {result.exportId}). Kept in the Change log.</>
          )}
        </div>
      )}
      <div className="actions">
        {!result && !error && (
          <button type="button" className={preview.action === 'delete' ? 'danger-solid' : 'primary'} disabled={!!preview.blocked || sending || offline} onClick={() => void send()}>
            {sending ? busyLabel : label}
          </button>
        )}
        <button type="button" onClick={onClose} disabled={sending}>
          {result || error ? 'Close' : preview.action === 'delete' ? 'Keep it' : 'Cancel'}
        </button>
      </div>
    </div>
  );
}
