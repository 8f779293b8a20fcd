import { useState } from 'react';
import type { WriteInput } from '../../../../shared/admin/contract';
import { changeStatusLabels, type ChangeView, type WritePreview } from '../../../../shared/admin/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { useConnectivity } from '../../ui/connectivity';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { DiffTable } from './DiffTable';

/** The outcome of a write in words, as the change log keeps it. */
export function ChangeOutcome({ change }: { change: ChangeView }) {
  const cls = change.status === 'done' ? 'success' : change.status === 'failed' || change.status === 'unknown' ? 'error' : 'notice';
  return (
    <div className={cls} role="status" data-testid="change-outcome" data-status={change.status}>
      <strong>{changeStatusLabels[change.status]}</strong>
      {change.message && <> — {change.message}</>}
      {change.vendorMessage && <div className="detail">RetailNext said: {change.vendorMessage}</div>}
    </div>
  );
}

/**
 * Preview, confirm, outcome: how every single write goes. The preview says what changes from what
 * to what, what is sent and the document's conditions; Confirm is pressed once (the button goes
 * away as it is pressed, and the core sends a preview only once anyway).
 */
export function WriteConfirm({ write, onDone, onCancel }: { write: WriteInput | null; onDone?(c: ChangeView): void; onCancel(): void }) {
  const [preview, setPreview] = useState<WritePreview | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<ChangeView | null>(null);
  const [asked, setAsked] = useState<string | null>(null);
  const connectivity = useConnectivity();
  const key = JSON.stringify(write);
  if (write && asked !== key) {
    setAsked(key);
    setPreview(null);
    setResult(null);
    setError(null);
    void api.call('admin.write.preview', { write }).then((r) => (r.ok ? setPreview(r.value) : setError(r.error)));
  }
  if (!write) return null;
  const offline = connectivity.browserOffline || (preview !== null && (connectivity.unreachable?.connectionIds.includes(preview.connectionId) ?? false));
  const send = async () => {
    if (!preview || sending) return;
    setSending(true);
    const r = await api.call('admin.write.confirm', { previewId: preview.previewId });
    setSending(false);
    if (!r.ok) return setError(r.error);
    setResult(r.value);
    onDone?.(r.value);
  };
  return (
    <div className="admin-confirm card" role="dialog" aria-label="Preview of the change">
      {error && <ErrorMessage error={error} />}
      {!preview && !error && <p className="muted">Checking…</p>}
      {preview && (
        <>
          <h3>Preview: {preview.targetName ?? preview.target}</h3>
          <DiffTable lines={preview.lines.map((l, i) => ({ key: String(i), label: l.label, before: l.before ?? '—', after: l.after }))} />
          <details className="small">
            <summary>What is sent to RetailNext ({preview.connectionName})</summary>
            <pre className="mono admin-body">{JSON.stringify(preview.body, null, 2)}</pre>
          </details>
          {preview.notes.map((n) => (
            <p key={n} className="small muted">
              {n}
            </p>
          ))}
          {preview.blocked && (
            <div className="error" role="alert" data-testid="write-blocked">
              <strong>Not sent:</strong> {preview.blocked}
            </div>
          )}
          {offline && !result && <div className="error">The vendors cannot be reached: writes are refused while offline, never queued.</div>}
          {result ? (
            <ChangeOutcome change={result} />
          ) : (
            <div className="actions">
              <button type="button" className="primary" disabled={!!preview.blocked || sending || offline} onClick={() => void send()}>
                {sending ? 'Sending…' : 'Confirm and send'}
              </button>
              <button type="button" onClick={onCancel} disabled={sending}>
                Cancel
              </button>
            </div>
          )}
          {result && (
            <div className="actions">
              <button type="button" onClick={onCancel}>
                Close
              </button>
            </div>
          )}
        </>
      )}
      {error && !preview && (
        <div className="actions">
          <button type="button" onClick={onCancel}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
