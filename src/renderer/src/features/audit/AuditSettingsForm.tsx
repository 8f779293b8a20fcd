import { useState } from 'react';
import { auditRules, type AuditSettings } from '../../../../shared/audit/rules';
import type { ContractError } from '../../../../shared/contract/errors';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAudit } from './store';

const numberFields: Array<{ key: keyof Omit<AuditSettings, 'enabled'>; label: string }> = [
  { key: 'quietMinutes', label: 'Not heard from for more than (minutes)' },
  { key: 'exterosStaleHours', label: 'Exteros location not updated for more than (hours)' },
  { key: 'validityMinHours', label: 'Incomplete or imputed traffic hours before a finding' },
  { key: 'imbalancePercent', label: 'In/out imbalance above (%)' },
  { key: 'imbalanceMinVolume', label: '…on days with at least (in + out)' },
];

export function AuditSettingsForm({ settings }: { settings: AuditSettings }) {
  const save = useAudit((s) => s.saveSettings);
  const [draft, setDraft] = useState<AuditSettings>(settings);
  const [error, setError] = useState<ContractError | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <details className="card it-settings">
      <summary>Rules and thresholds</summary>
      <form
        className="it-settings-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const err = await save(draft);
          setError(err);
          setSaved(!err);
        }}
      >
        <fieldset>
          <legend>Rules</legend>
          {auditRules.map((r) => (
            <label key={r.id} className="it-rule">
              <input type="checkbox" checked={draft.enabled[r.id] !== false} onChange={(e) => setDraft({ ...draft, enabled: { ...draft.enabled, [r.id]: e.target.checked } })} /> {r.label}{' '}
              <span className={`it-sev it-sev-${r.severity}`}>{r.severity}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Thresholds</legend>
          {numberFields.map((f) => (
            <label key={f.key}>
              {f.label}
              <input type="number" min={0} value={draft[f.key]} onChange={(e) => setDraft({ ...draft, [f.key]: Number(e.target.value) })} />
            </label>
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary">
            Save and re-run the audit
          </button>
          <button
            type="button"
            onClick={async () => {
              const err = await save(null);
              setError(err);
              if (!err) setDraft(useAudit.getState().report?.settings ?? settings);
            }}
          >
            Back to defaults
          </button>
          {saved && <span className="success small">Saved.</span>}
        </div>
        {error && <ErrorMessage error={error} />}
      </form>
    </details>
  );
}
