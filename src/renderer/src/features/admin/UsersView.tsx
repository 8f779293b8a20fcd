import { useEffect, useMemo, useState } from 'react';
import { readObject, readOneOf, readString, type Read } from '../../../../shared/app/keptShape';
import { accessRules, type AccessReport, type AccessSettings } from '../../../../shared/admin/access';
import type { WriteInput } from '../../../../shared/admin/contract';
import { filterUsers, userStatus, type UserFilter, type UserRow, type UsersList } from '../../../../shared/admin/users';
import type { ContractError } from '../../../../shared/contract/errors';
import { api } from '../../api/client';
import { downloadText } from '../../ui/downloadText';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useKept } from '../../ui/keptState';
import { DataAgeNote } from '../stores/age';
import { formatAgo, formatDateTime } from '../../../../shared/time/format';
import { breakAfterAt, keepDatesWhole } from '../../ui/wrapText';
import { useEstate } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { WriteConfirm } from './WriteConfirm';
import { plural } from '../../../../shared/text/plural';

function LocationPicker({ value, onChange }: { value: string[]; onChange(ids: string[]): void }) {
  const { tree, load } = useEstate();
  const [search, setSearch] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  const options = useMemo(() => (tree?.nodes ?? []).filter((n) => (n.kind === 'region' || n.kind === 'store') && n.id.startsWith('l:')), [tree]);
  const shown = options.filter((n) => n.name.toLowerCase().includes(search.toLowerCase())).slice(0, 200);
  const chosen = new Set(value);
  return (
    <div className="admin-locations">
      <input type="search" placeholder="Find a region or store…" aria-label="Find a location to grant" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className="admin-location-list">
        {shown.map((n) => {
          const uuid = n.id.slice(2);
          return (
            <label key={n.id} className="small">
              <input type="checkbox" checked={chosen.has(uuid)} onChange={(e) => onChange(e.target.checked ? [...value, uuid] : value.filter((x) => x !== uuid))} /> {n.name} <span className="muted">({n.kind})</span>
            </label>
          );
        })}
      </div>
      <div className="small muted">{value.length} chosen (a region grants every store beneath it)</div>
    </div>
  );
}

function UserEditor({ list, user, onClose, onDone }: { list: UsersList; user: UserRow | null; onClose(): void; onDone(): void }) {
  const create = user === null;
  const [email, setEmail] = useState('');
  const [name, setName] = useState(user?.name ?? '');
  const [disabled, setDisabled] = useState(user?.disabled ?? false);
  const [userProfileId, setUserProfileId] = useState(user?.userProfileId ?? '');
  const [access, setAccess] = useState<'profile' | 'custom'>(user?.customLocationIds ? 'custom' : 'profile');
  const [locationProfileId, setLocationProfileId] = useState(user?.locationProfileId ?? '');
  const [locationIds, setLocationIds] = useState<string[]>(user?.customLocationIds ?? []);
  const [connectionId, setConnectionId] = useState(user?.connectionId ?? list.connections[0]?.id ?? '');
  const [write, setWrite] = useState<WriteInput | null>(null);
  const preview = () => {
    if (create) {
      setWrite({ kind: 'user.create', connectionId, email, name, disabled, userProfileId, locationProfileId: access === 'profile' ? locationProfileId || null : null, locationIds: access === 'custom' ? locationIds : null });
    } else {
      const w: WriteInput = { kind: 'user.update', connectionId: user.connectionId, userId: user.id };
      if (name.trim() && name !== (user.name ?? '')) w.name = name;
      if (disabled !== user.disabled) w.disabled = disabled;
      if (userProfileId && userProfileId !== user.userProfileId) w.userProfileId = userProfileId;
      if (access === 'profile' && locationProfileId && (locationProfileId !== user.locationProfileId || user.customLocationIds)) w.locationProfileId = locationProfileId;
      if (access === 'custom' && locationIds.length > 0) w.locationIds = locationIds;
      setWrite(w);
    }
  };
  return (
    <section className="card admin-user-editor" aria-label={create ? 'Create an SSO user' : `Edit ${user.email}`}>
      <h2>{create ? 'Create an SSO user' : `Edit ${user.name ?? user.email}`}</h2>
      {create && <p className="small muted">The API creates SSO users only: they sign in through your identity provider, so the console never handles a password.</p>}
      <div className="form">
        {create && list.connections.length > 1 && (
          <label>
            Connection
            <select value={connectionId} onChange={(e) => setConnectionId(e.target.value)}>
              {list.connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {create && (
          <label>
            Email
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
        )}
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={create ? 'default: the email' : ''} />
        </label>
        <label>
          User profile
          <select value={userProfileId} onChange={(e) => setUserProfileId(e.target.value)}>
            <option value="">choose…</option>
            {list.userProfiles.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.subscriptionAdmin ? ' (subscription admin)' : ''}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>Sees</legend>
          <label className="small">
            <input type="radio" checked={access === 'profile'} onChange={() => setAccess('profile')} /> a location profile
          </label>
          <label className="small">
            <input type="radio" checked={access === 'custom'} onChange={() => setAccess('custom')} /> custom locations
          </label>
          {access === 'profile' ? (
            <select aria-label="Location profile" value={locationProfileId} onChange={(e) => setLocationProfileId(e.target.value)}>
              <option value="">choose…</option>
              {list.locationProfiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.locationCount} location{p.locationCount === 1 ? '' : 's'})
                </option>
              ))}
            </select>
          ) : (
            <LocationPicker value={locationIds} onChange={setLocationIds} />
          )}
        </fieldset>
        <label className="small">
          <input type="checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} /> Disabled
        </label>
        {!create && <p className="small muted">RetailNext's API cannot delete a user: to close an account, disable it. It keeps its profiles, so it can be enabled again.</p>}
      </div>
      {!write && (
        <div className="actions">
          <button type="button" className="primary" onClick={preview} disabled={create && (!email || !userProfileId)}>
            Preview
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      )}
      <WriteConfirm
        write={write}
        onDone={(c) => c.status === 'done' && onDone()}
        onCancel={() => {
          setWrite(null);
          onClose();
        }}
      />
    </section>
  );
}

function AccessSettingsForm({ settings, onSaved }: { settings: AccessSettings; onSaved(): void }) {
  const [draft, setDraft] = useState(settings);
  const [error, setError] = useState<ContractError | null>(null);
  const save = async (s: AccessSettings | null) => {
    const r = await api.call('admin.access.saveSettings', { settings: s });
    if (!r.ok) return setError(r.error);
    setDraft(r.value);
    onSaved();
  };
  return (
    <details className="it-settings">
      <summary>Access audit thresholds</summary>
      <form
        className="it-settings-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft);
        }}
      >
        <fieldset>
          {accessRules.map((r) => (
            <div key={r.id} className="it-rule">
              <label>
                <input type="checkbox" checked={draft.enabled[r.id] !== false} onChange={(e) => setDraft({ ...draft, enabled: { ...draft.enabled, [r.id]: e.target.checked } })} /> {r.label}
              </label>
              {r.setting && (
                <label className="small">
                  after{' '}
                  <input type="number" min={1} max={3650} aria-label={r.setting === 'dormantDays' ? 'Days without sign-in' : 'Days without accepting'} value={draft[r.setting]} onChange={(e) => setDraft({ ...draft, [r.setting!]: Number(e.target.value) })} /> days
                </label>
              )}
            </div>
          ))}
        </fieldset>
        {error && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="submit" className="primary">
            Save thresholds
          </button>
          <button type="button" onClick={() => void save(null)}>
            Back to the defaults
          </button>
        </div>
      </form>
    </details>
  );
}

const noFilter: UserFilter = {};
// The search and filters stay across view switches and reloads (keptState.ts).
const readFilter: Read<UserFilter> = readObject<UserFilter>({
  search: readString,
  type: readOneOf(['local', 'sso', ''] as const),
  status: readOneOf(['enabled', 'disabled', 'invited', ''] as const),
  userProfileId: readString,
});

export function UsersView() {
  const [list, setList] = useState<UsersList | null>(null);
  const [report, setReport] = useState<AccessReport | null>(null);
  const [error, setError] = useState<ContractError | null>(null);
  // The list's own failure (a read, loaded again once the core is back), apart from an export's.
  const [loadError, setLoadError] = useState<ContractError | null>(null);
  const [filter, setFilter] = useKept<UserFilter>('users.filter', noFilter, readFilter);
  const [editing, setEditing] = useState<UserRow | null | 'new'>(null);
  const { tree, select } = useEstate();
  const load = async () => {
    const [u, a] = await Promise.all([api.call('admin.users.list', {}), api.call('admin.access.report', {})]);
    if (u.ok) {
      setList(u.value);
      setLoadError(null);
    } else {
      setError(u.error);
      setLoadError(u.error);
    }
    if (a.ok) setReport(a.value);
  };
  useEffect(() => {
    void load();
    const offs = [api.subscribe('sync.finished', () => void load()), api.subscribe('admin.cacheEdited', () => void load())];
    return () => offs.forEach((o) => o());
  }, []);
  const shown = useMemo(() => (list ? filterUsers(list.users, filter) : []), [list, filter]);
  const exportCsv = async () => {
    const r = await api.call('admin.users.exportCsv', { filter });
    if (!r.ok) return setError(r.error);
    if (r.value.csv !== null) downloadText(r.value.fileName, r.value.csv);
  };
  const openStore = (uuid: string) => {
    const node = tree?.nodes.find((n) => n.storeUuid === uuid);
    if (node) select(node.id);
    window.location.hash = '#stores';
  };
  const findingsOf = new Map<string, number>();
  for (const f of report?.findings ?? []) if (f.subject === 'user') findingsOf.set(f.subjectId, (findingsOf.get(f.subjectId) ?? 0) + 1);

  return (
    <div className="it-view admin-view">
      <div className="view-header">
        <h1>Users</h1>
        <DataAgeNote fetchedAt={list?.fetchedAt} />
      </div>
      {error && <ErrorMessage error={error} onBack={error === loadError ? () => void load() : undefined} />}
      {list && list.connections.length === 0 && <p className="muted">Users are RetailNext's: add a RetailNext connection (or try the Demo workspace) first.</p>}
      {list && list.connections.length > 0 && list.users.length === 0 && <EmptyCache what="users" />}
      {list && list.users.length > 0 && (
        <>
          <div className="actions it-toolbar">
            <input type="search" className="it-search" placeholder="Search users…" aria-label="Search users" value={filter.search ?? ''} onChange={(e) => setFilter({ ...filter, search: e.target.value })} />
            <select aria-label="Type" value={filter.type ?? ''} onChange={(e) => setFilter({ ...filter, type: e.target.value as UserFilter['type'] })}>
              <option value="">Local and SSO</option>
              <option value="local">Local</option>
              <option value="sso">SSO</option>
            </select>
            <select aria-label="Status" value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: e.target.value as UserFilter['status'] })}>
              <option value="">Every status</option>
              <option value="enabled">Enabled</option>
              <option value="invited">Invited, not accepted</option>
              <option value="disabled">Disabled</option>
            </select>
            <select aria-label="User profile" value={filter.userProfileId ?? ''} onChange={(e) => setFilter({ ...filter, userProfileId: e.target.value })}>
              <option value="">Every user profile</option>
              {list.userProfiles.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <button type="button" onClick={() => void exportCsv()}>
              Export CSV
            </button>
            <button type="button" className="primary" onClick={() => setEditing('new')}>
              Create SSO user
            </button>
          </div>
          {editing && <UserEditor key={editing === 'new' ? 'new' : editing.id} list={list} user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onDone={() => void load()} />}
          <p className="small muted" data-testid="user-count">
            {shown.length.toLocaleString('en-US')} of {plural(list.users.length, 'user')} · {plural(list.totalStores, 'store')}
          </p>
          <table className="it-table-static admin-users" aria-label="Users">
            <thead>
              <tr>
                <th>User</th>
                <th>Type</th>
                <th>Status</th>
                <th>User profile</th>
                <th>Sees</th>
                <th>Last sign-in</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {shown.map((u) => (
                <tr key={`${u.connectionId}-${u.id}`} data-testid="user" data-user-id={u.id}>
                  <td>
                    <div>{u.name ?? u.email}</div>
                    <div className="small muted">{breakAfterAt(u.email)}</div>
                  </td>
                  <td>{u.type === 'sso' ? 'SSO' : u.type}</td>
                  <td>
                    <span className={`admin-user-${userStatus(u)}`}>{userStatus(u) === 'invited' ? 'invited' : userStatus(u)}</span>
                    {findingsOf.get(u.id) ? <span className="it-count it-count-finding">{findingsOf.get(u.id)} finding{findingsOf.get(u.id) === 1 ? '' : 's'}</span> : null}
                  </td>
                  <td>{u.userProfileName ?? u.userProfileId ?? '—'}</td>
                  <td>
                    {u.customLocationIds ? `${u.customLocationIds.length} custom location${u.customLocationIds.length === 1 ? '' : 's'}` : (u.locationProfileName ?? '—')}
                    <div className="small muted">{u.allStores ? 'every store' : `${u.storeCount} store${u.storeCount === 1 ? '' : 's'}${u.storeNames.length ? `: ${u.storeNames.join(', ')}${u.storeCount > u.storeNames.length ? '…' : ''}` : ''}`}</div>
                  </td>
                  <td className="small" data-testid="user-last-sign-in">
                    {u.lastSignInAt ? (
                      <>
                        {formatDateTime(u.lastSignInAt).slice(0, 10)}
                        <div className="muted">{formatAgo(u.lastSignInAt)}</div>
                      </>
                    ) : (
                      'never'
                    )}
                  </td>
                  <td>
                    <button type="button" className="small" onClick={() => setEditing(u)}>
                      Edit
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length === 0 && <p className="empty">No user matches these filters.</p>}
        </>
      )}
      {report && list && list.users.length > 0 && (
        <section className="card admin-access">
          <h2>Access audit ({report.findings.length})</h2>
          <AccessSettingsForm key={JSON.stringify(report.settings)} settings={report.settings} onSaved={() => void load()} />
          <div className="admin-findings">
            {report.findings.map((f) => (
              <div key={f.id} className="it-finding" data-testid="access-finding" data-rule={f.rule}>
                <span className={`it-sev it-sev-${f.severity}`}>{f.severity}</span>
                <span className="it-finding-rule">{accessRules.find((r) => r.id === f.rule)?.label}</span>
                <span className="it-finding-subject">
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      if (f.subject === 'store') return openStore(f.subjectId);
                      const u = list.users.find((x) => x.id === f.subjectId);
                      if (u) {
                        setFilter({ search: u.email });
                        setEditing(u);
                      }
                    }}
                  >
                    {f.subjectName}
                  </button>
                </span>
                <span className="it-finding-reason">{keepDatesWhole(f.reason)}</span>
              </div>
            ))}
            {report.findings.length === 0 && <p className="muted">No finding with these thresholds.</p>}
          </div>
        </section>
      )}
    </div>
  );
}
