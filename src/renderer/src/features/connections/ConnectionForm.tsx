import { useState, type FormEvent } from 'react';
import type { ConnectionInput } from '../../../../shared/connections/contract';
import { vendorLabels, vendors, type ConnectionView, type Vendor } from '../../../../shared/connections/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { ErrorMessage } from '../../ui/ErrorMessage';

interface Props {
  editing: ConnectionView | null;
  onSave(input: ConnectionInput): Promise<ContractError | null>;
  onCancel(): void;
}

interface Draft {
  vendor: Vendor;
  name: string;
  baseUrl: string;
  subscription: string;
  accessKey: string;
  storeCodes: string;
  language: string;
  currency: string;
  secret: string;
}

function draftOf(c: ConnectionView | null): Draft {
  const draft: Draft = { vendor: c?.vendor ?? 'retailnext', name: c?.name ?? '', baseUrl: c?.baseUrl ?? '', subscription: '', accessKey: '', storeCodes: '', language: 'en', currency: '', secret: '' };
  if (c?.vendor === 'retailnext') Object.assign(draft, c.settings);
  if (c?.vendor === 'flow') Object.assign(draft, { storeCodes: c.settings.storeCodes.join(', '), language: c.settings.language, currency: c.settings.currency ?? '' });
  return draft;
}

function inputOf(d: Draft, id: string | undefined): ConnectionInput {
  const common = { id, name: d.name, baseUrl: d.baseUrl.trim() || null };
  const secret = d.secret === '' ? undefined : d.secret;
  switch (d.vendor) {
    case 'retailnext':
      return { ...common, vendor: 'retailnext', subscription: d.subscription, accessKey: d.accessKey, secretKey: secret };
    case 'flow':
      return { ...common, vendor: 'flow', storeCodes: d.storeCodes.split(/[\s,;]+/).filter(Boolean), language: d.language, ...(d.currency.trim() ? { currency: d.currency.trim() } : {}), apiKey: secret };
    case 'exteros':
      return { ...common, vendor: 'exteros', apiKey: secret };
  }
}

/** Adds or edits a connection. The secret is write-only: it is sent once and never shown again. */
export function ConnectionForm({ editing, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(editing));
  const [error, setError] = useState<ContractError | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });
  const secretLabel = draft.vendor === 'retailnext' ? 'Secret key' : 'API key';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const failure = await onSave(inputOf(draft, editing?.id));
    setBusy(false);
    if (failure) {
      setError(failure);
      return;
    }
    setDraft((d) => ({ ...d, secret: '' }));
  }

  return (
    <form className="card form" onSubmit={submit} aria-label={editing ? 'Edit connection' : 'Add connection'}>
      <h2>{editing ? `Edit ${editing.name}` : 'Add a connection'}</h2>
      <label>
        Vendor
        <select {...field('vendor')} disabled={editing !== null} aria-label="Vendor">
          {vendors.map((v) => (
            <option key={v} value={v}>
              {vendorLabels[v]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Name
        <input {...field('name')} placeholder="e.g. Head office RetailNext" required maxLength={100} />
      </label>
      {draft.vendor === 'retailnext' && (
        <>
          <label>
            Subscription
            <input {...field('subscription')} placeholder="yourcompany (from yourcompany.api.retailnext.net)" required />
          </label>
          <label>
            Access key
            <input {...field('accessKey')} autoComplete="off" required />
          </label>
        </>
      )}
      {draft.vendor === 'flow' && (
        <>
          <label>
            Store codes
            <input {...field('storeCodes')} placeholder="101, 102, 103" />
          </label>
          <label>
            Language
            <input {...field('language')} placeholder="en" />
          </label>
          <label>
            Currency of sales
            <input {...field('currency')} placeholder="EUR" maxLength={3} title="Flow sends sales amounts without a currency: say which one, so reports can show it" />
          </label>
        </>
      )}
      <label>
        {secretLabel}
        <input
          {...field('secret')}
          type="password"
          autoComplete="new-password"
          placeholder={editing?.secretSet ? 'Saved in the system keychain; leave blank to keep it' : ''}
          required={!editing}
          aria-label={secretLabel}
        />
      </label>
      <label>
        Address override <span className="muted">(optional: a proxy or the simulator)</span>
        <input {...field('baseUrl')} placeholder="https://..." />
      </label>
      {error && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
