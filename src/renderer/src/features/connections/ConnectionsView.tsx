import { useEffect, useState } from 'react';
import { vendorLabels, type ConnectionView } from '../../../../shared/connections/types';
import type { ContractError } from '../../../../shared/contract/errors';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useHashArgument } from '../../ui/links';
import { ConnectionForm } from './ConnectionForm';
import { useConnections, type TestState } from './store';

/** Why Edit is off for a demo connection, said beside it (a greyed button alone says nothing). */
const demoEditReason = 'Edit is off: the Demo workspace sets this address and key itself. Add a connection of your own for your vendor keys.';

type Editing = { mode: 'closed' } | { mode: 'add' } | { mode: 'edit'; connection: ConnectionView };

/** Settings > Connections: add, edit, test and remove vendor connections. */
export function ConnectionsView() {
  const { connections, loaded, loadError, tests, load, save, remove, test, startDemo, stopDemo } = useConnections();
  const [editing, setEditing] = useState<Editing>({ mode: 'closed' });
  const [removeError, setRemoveError] = useState<Record<string, string>>({});
  const [demoError, setDemoError] = useState<ContractError | null>(null);
  const [demoBusy, setDemoBusy] = useState(false);
  const hasDemo = connections.some((c) => c.isDemo);
  const demoAction = async (action: () => Promise<ContractError | null>) => {
    setDemoBusy(true);
    setDemoError(await action());
    setDemoBusy(false);
  };

  useEffect(() => {
    if (!loaded) void load();
  }, [loaded, load]);
  // #connections/add (the command palette's "Add connection") opens the form, then the address drops the verb.
  const verb = useHashArgument('connections');
  useEffect(() => {
    if (verb !== 'add') return;
    setEditing((e) => (e.mode === 'closed' ? { mode: 'add' } : e));
    window.location.replace('#connections');
  }, [verb]);

  return (
    <section className="view" aria-label="Connections">
      <header className="view-header">
        <h1>Connections</h1>
        <button className="primary" onClick={() => setEditing({ mode: 'add' })} disabled={editing.mode !== 'closed'}>
          Add connection
        </button>
      </header>
      <p className="muted">
        Vendor credentials are kept in your system keychain. This window only ever learns whether one is saved.
      </p>
      {loadError && <ErrorMessage error={loadError} onBack={() => void load()} />}
      {editing.mode !== 'closed' && (
        <ConnectionForm
          key={editing.mode === 'edit' ? editing.connection.id : 'new'}
          editing={editing.mode === 'edit' ? editing.connection : null}
          onCancel={() => setEditing({ mode: 'closed' })}
          onSave={async (input) => {
            const failure = await save(input);
            if (!failure) setEditing({ mode: 'closed' });
            return failure;
          }}
        />
      )}
      {loaded && connections.length === 0 && editing.mode === 'closed' && (
        <div className="empty">
          <p>No connections yet. Add one with the credentials from your vendor, or look around first:</p>
          <button className="primary" onClick={() => void demoAction(startDemo)} disabled={demoBusy}>
            {demoBusy ? 'Starting the Demo workspace…' : 'Try the Demo workspace'}
          </button>
          <p className="muted small">
            The Demo workspace runs a simulator of all three vendors on this computer, over an invented estate. Everything in it is labelled as demo data.
          </p>
        </div>
      )}
      {hasDemo && (
        <div className="demo-banner" role="note">
          <span>You are looking at the Demo workspace: its stores, devices and figures are invented.</span>
          <button onClick={() => void demoAction(stopDemo)} disabled={demoBusy}>
            Leave the Demo workspace
          </button>
        </div>
      )}
      {demoError && <ErrorMessage error={demoError} />}
      <ul className="connection-list">
        {connections.map((c) => (
          <li key={c.id} className="card connection" data-testid="connection">
            <div className="connection-main">
              <div>
                <span className={`vendor-badge vendor-${c.vendor}`}>{vendorLabels[c.vendor]}</span>
                <strong className="connection-name">{c.name}</strong>
                {c.isDemo && <span className="demo-badge">Demo data</span>}
              </div>
              <div className="muted small">
                {c.baseUrl ?? (c.isDemo ? 'Demo simulator (starting)' : 'Vendor’s own address')} · {c.isDemo ? 'built-in demo credentials' : c.secretSet ? 'secret saved in keychain' : 'no secret saved'}
              </div>
              {c.isDemo && (
                <div className="muted small" id={`demo-edit-${c.id}`}>
                  {demoEditReason}
                </div>
              )}
              <TestOutcome state={tests[c.id]} />
              {removeError[c.id] && <div className="error small">{removeError[c.id]}</div>}
            </div>
            <div className="actions">
              <button onClick={() => void test(c.id)} disabled={tests[c.id]?.status === 'running'}>
                Test connection
              </button>
              <button
                onClick={() => setEditing({ mode: 'edit', connection: c })}
                disabled={editing.mode !== 'closed' || c.isDemo}
                title={c.isDemo ? demoEditReason : editing.mode !== 'closed' ? 'Finish or cancel the form above first.' : undefined}
                aria-describedby={c.isDemo ? `demo-edit-${c.id}` : undefined}
              >
                Edit
              </button>
              <button
                className="danger"
                onClick={async () => {
                  if (!window.confirm(`Remove the connection “${c.name}”? Its cached data is removed too.`)) return;
                  const failure = await remove(c.id);
                  setRemoveError((r) => ({ ...r, [c.id]: failure?.message ?? '' }));
                }}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TestOutcome({ state }: { state: TestState | undefined }) {
  if (!state) return null;
  if (state.status === 'running') return <div className="muted small" role="status">Testing…</div>;
  if (state.status === 'ok') return <div className="success small" role="status">Connected: {state.message}</div>;
  return <ErrorMessage error={state.error} />;
}
