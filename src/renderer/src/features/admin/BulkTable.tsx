import { fieldById, formatFieldValue } from '../../../../shared/admin/fields';
import { changeStatusLabels, planVerdictLabels, type ChangeStatus, type PlanRow, type PlanVerdict } from '../../../../shared/admin/types';
import { pageSize, useBulk } from './store';

const verdictFilters: Array<PlanVerdict | ''> = ['', 'change', 'no_change', 'unknown_location', 'invalid'];
const statusFilters: Array<ChangeStatus | ''> = ['', 'done', 'failed', 'unknown', 'not_sent', 'pending'];

function Outcome({ r }: { r: PlanRow }) {
  if (r.status) return <span className={`admin-status admin-status-${r.status}`}>{changeStatusLabels[r.status]}</span>;
  return <span className={`admin-verdict admin-verdict-${r.verdict}`}>{planVerdictLabels[r.verdict]}</span>;
}

/** The dry run and the outcome of each row, a page at a time. */
export function BulkTable() {
  const { summary, rows, total, offset, verdict, status, page } = useBulk();
  if (!summary) return null;
  const confirmed = summary.state === 'confirmed';
  return (
    <div className="admin-bulk-table">
      <div className="actions it-toolbar">
        <label className="small">
          Rows{' '}
          <select aria-label="Rows to show" value={confirmed ? status : verdict} onChange={(e) => void page(0, confirmed ? { status: e.target.value as ChangeStatus | '' } : { verdict: e.target.value as PlanVerdict | '' })}>
            {(confirmed ? statusFilters : verdictFilters).map((v) => (
              <option key={v} value={v}>
                {v === '' ? 'all' : confirmed ? changeStatusLabels[v as ChangeStatus] : planVerdictLabels[v as PlanVerdict]}
              </option>
            ))}
          </select>
        </label>
        <span className="small muted">
          {total === 0 ? 'no rows' : `${offset + 1}–${Math.min(offset + pageSize, total)} of ${total.toLocaleString()}`}
        </span>
        <button type="button" disabled={offset === 0} onClick={() => void page(Math.max(0, offset - pageSize))}>
          Previous
        </button>
        <button type="button" disabled={offset + pageSize >= total} onClick={() => void page(offset + pageSize)}>
          Next
        </button>
      </div>
      <table className="it-table-static admin-rows" aria-label="Rows of the bulk change">
        <thead>
          <tr>
            <th>Row</th>
            <th>Location</th>
            <th>Change</th>
            <th>Outcome</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} data-testid="bulk-row" data-verdict={r.verdict} data-status={r.status ?? ''}>
              <td className="num">{r.row ?? r.seq}</td>
              <td>
                <div>{r.name ?? <span className="muted">unknown</span>}</div>
                <div className="mono small muted">{r.uuid || '(no uuid)'}</div>
              </td>
              <td>
                {r.diffs.map((d) => (
                  <div key={d.field}>
                    {fieldById(d.field).label}: <span className="muted">{d.before === null ? 'not in the cache' : formatFieldValue(d.field, d.before)}</span> → <strong>{formatFieldValue(d.field, d.after)}</strong>
                  </div>
                ))}
                {r.diffs.length === 0 && <span className="muted">—</span>}
              </td>
              <td>
                <Outcome r={r} />
                {r.status !== 'done' && (r.message ?? r.reason) && <div className="small admin-reason">{r.message ?? r.reason}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
