import { useMemo, useState } from 'react';
import type { ContractError } from '../../../../shared/contract/errors';
import type { StoreTree, VendorLink } from '../../../../shared/estate/types';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useEstate } from './store';

/** Places a Flow code or Exteros location under a store by hand, or gives it back to automatic matching. */
export function VendorLinkEditor({ tree, link }: { tree: StoreTree; link: VendorLink }) {
  const linkTo = useEstate((s) => s.link);
  const stores = useMemo(() => tree.nodes.filter((n) => n.kind === 'store' && n.storeUuid), [tree]);
  const [choice, setChoice] = useState(link.locationUuid ?? '');
  const [error, setError] = useState<ContractError | null>(null);
  const save = async (storeUuid: string | null, auto = false) => setError(await linkTo(link.connectionId, link.key, storeUuid, auto));
  return (
    <section className="card it-panel" aria-label={`${link.vendor} location ${link.key}`}>
      <h2>
        <span className={`vendor-badge vendor-${link.vendor}`}>{link.vendor}</span> {link.key}
      </h2>
      <p>
        {link.kind} · {link.source === 'auto' ? 'matched automatically' : link.source === 'manual' ? 'placed by you' : 'not placed'}: {link.reason}
      </p>
      <div className="actions">
        <label>
          Place under{' '}
          <select aria-label="Place under store" value={choice} onChange={(e) => setChoice(e.target.value)}>
            <option value="">(not placed)</option>
            {stores.map((s) => (
              <option key={s.id} value={s.storeUuid!}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void save(choice || null)}>
          Save placement
        </button>
        <button type="button" onClick={() => void save(null, true)} disabled={link.source !== 'manual'}>
          Match automatically
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
    </section>
  );
}
