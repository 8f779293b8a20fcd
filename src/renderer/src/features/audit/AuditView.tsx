import { useEffect, useMemo, useRef, useState } from 'react';
import { auditRules, filterFindings, severities, type Finding, type Severity } from '../../../../shared/audit/rules';
import type { ContractError } from '../../../../shared/contract/errors';
import { storesInScope } from '../../../../shared/estate/scope';
import type { InventoryKind } from '../../../../shared/inventory/columns';
import { plural } from '../../../../shared/text/plural';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { findingLink, useHashArgument } from '../../ui/links';
import { GroupHeading, MeasuredRows, useMeasuredRows } from '../../ui/measuredRows';
import { openDeviceRecord } from '../inventory/store';
import { downloadText } from '../../ui/downloadText';
import { DataAgeNote } from '../stores/age';
import { followCacheChanges, nodeById, useEstate } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { AuditSettingsForm } from './AuditSettingsForm';
import { FindingDetailPanel } from './FindingDetailPanel';
import { useAudit } from './store';

type Row = { kind: 'group'; label: string; count: number } | { kind: 'finding'; f: Finding };
const ruleLabel = (id: string) => auditRules.find((r) => r.id === id)?.label ?? id;
const deviceList: Partial<Record<Finding['subject'], InventoryKind>> = { camera: 'cameras', appliance: 'appliances', channel: 'channels' };
/** One template for the header and every row, so the columns line up. */
const columns = { gridTemplateColumns: 'minmax(76px, 86px) minmax(0, 2fr) minmax(0, 1fr)' };

/** Selects the finding's store in the tree and opens Stores on it. */
function useShowStore(): (f: Finding) => void {
  const { tree, select } = useEstate();
  return (f) => {
    const node = tree?.nodes.find((n) => n.storeUuid === f.storeUuid);
    if (node) select(node.id);
    window.location.hash = '#stores';
  };
}

function FindingRow({ f, open }: { f: Finding; open: boolean }) {
  const showStore = useShowStore();
  const list = deviceList[f.subject];
  const openDetail = () => (window.location.hash = findingLink(f.id));
  // The links inside the row go where they say; a click elsewhere on the row opens the finding.
  const stop = (e: { stopPropagation(): void }) => e.stopPropagation();
  return (
    <div
      role="row"
      className={`it-finding it-grid-link${open ? ' selected' : ''}`}
      style={columns}
      data-testid="finding"
      data-rule={f.rule}
      data-selected={open || undefined}
      tabIndex={0}
      title="Open this finding"
      onClick={openDetail}
      onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && openDetail()}
    >
      <div role="cell" className="it-cell">
        <span className={`it-sev it-sev-${f.severity}`}>{f.severity}</span>
      </div>
      <div role="cell" className="it-cell">
        <strong className="it-finding-rule">{ruleLabel(f.rule)}</strong>
        <span className="small muted it-finding-reason">{f.reason}</span>
      </div>
      <div role="cell" className="it-cell">
        <span className="it-finding-subject">
          {list ? (
            <button type="button" className="link" onClick={(e) => (stop(e), openDeviceRecord(list, f.subjectId))} title="Open this device's detail in Inventory">
              {f.subjectName}
            </button>
          ) : (
            f.subjectName
          )}
        </span>
        <button type="button" className="link small" onClick={(e) => (stop(e), showStore(f))} title="Open this store in Stores">
          {f.storeName}
        </button>
      </div>
    </div>
  );
}

export function AuditView() {
  const { report, loading, error, filter, groupBy, load, setFilter, setGroupBy } = useAudit();
  const { tree, selected, select, load: loadTree } = useEstate();
  const [exportError, setExportError] = useState<ContractError | null>(null);
  // The printable report is rendered only while printing (thousands of rows would slow the screen).
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const done = () => setPrinting(false);
    window.addEventListener('afterprint', done);
    return () => window.removeEventListener('afterprint', done);
  }, []);
  useEffect(() => {
    if (printing) window.print();
  }, [printing]);
  useEffect(() => {
    void load();
    void loadTree();
    return followCacheChanges(() => {
      void load();
      void loadTree(true);
    });
  }, [load, loadTree]);

  const scope = useMemo(() => (tree && selected ? storesInScope(tree.nodes, selected) : null), [tree, selected]);
  const shown = useMemo(() => (report ? filterFindings(report.findings, filter, scope) : []), [report, filter, scope]);
  const rows = useMemo<Row[]>(() => {
    if (groupBy === 'none') return shown.map((f) => ({ kind: 'finding', f }));
    const groups = new Map<string, Finding[]>();
    for (const f of shown) {
      const key = groupBy === 'store' ? f.storeName : `${f.subjectName} — ${f.storeName}`;
      const list = groups.get(key);
      if (list) list.push(f);
      else groups.set(key, [f]);
    }
    const out: Row[] = [];
    for (const [label, list] of [...groups].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
      out.push({ kind: 'group', label, count: list.length });
      for (const f of list) out.push({ kind: 'finding', f });
    }
    return out;
  }, [shown, groupBy]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtual = useMeasuredRows(rows.length, scrollRef, 52);
  // #audit/<finding id>: one finding in the detail panel (opened from a row, a device, or a reload).
  const open = useHashArgument('audit');
  const showStore = useShowStore();
  // The opened finding's row is brought into view (after a reload or a link from elsewhere).
  const openAt = open ? rows.findIndex((r) => r.kind === 'finding' && r.f.id === open) : -1;
  useEffect(() => {
    if (openAt >= 0) virtual.scrollToIndex(openAt, { align: 'auto' });
  }, [openAt, virtual]);
  const newest = report?.ages.reduce<string | null>((m, a) => (a.fetchedAt && (!m || a.fetchedAt > m) ? a.fetchedAt : m), null);

  const exportCsv = async () => {
    setExportError(null);
    const result = await api.call('audit.exportCsv', { scope: selected, filter });
    if (!result.ok) return setExportError(result.error);
    if (result.value.csv !== null) downloadText(result.value.fileName, result.value.csv);
  };
  const toggleSeverity = (s: Severity) => {
    const cur = filter.severity ?? [];
    setFilter({ severity: cur.includes(s) ? cur.filter((x) => x !== s) : [...cur, s] });
  };

  return (
    <div className="it-view">
      <div className="view-header">
        <h1>Sensor audit</h1>
        <DataAgeNote fetchedAt={newest} />
      </div>
      {report && <AuditSettingsForm key={JSON.stringify(report.settings)} settings={report.settings} />}
      <div className="actions it-toolbar no-print">
        <input type="search" className="it-search" placeholder="Search findings…" aria-label="Search findings" value={filter.search ?? ''} onChange={(e) => setFilter({ search: e.target.value })} />
        {severities.map((s) => (
          <label key={s} className="small">
            <input type="checkbox" checked={(filter.severity ?? []).includes(s)} onChange={() => toggleSeverity(s)} /> {s}
          </label>
        ))}
        <select aria-label="Rule" value={filter.rules?.[0] ?? ''} onChange={(e) => setFilter({ rules: e.target.value ? [e.target.value as Finding['rule']] : [] })}>
          <option value="">All rules</option>
          {auditRules.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
        <select aria-label="Group by" value={groupBy} onChange={(e) => setGroupBy(e.target.value as typeof groupBy)}>
          <option value="store">By store</option>
          <option value="device">By device</option>
          <option value="none">No grouping</option>
        </select>
        <span className="small">
          Scope: <strong>{nodeById(tree, selected)?.name ?? 'All stores'}</strong>{' '}
          {selected && (
            <button type="button" onClick={() => select(null)}>
              All stores
            </button>
          )}
        </span>
        <button type="button" onClick={() => void exportCsv()} disabled={!report}>
          Export CSV
        </button>
        <button type="button" onClick={() => setPrinting(true)} disabled={!report}>
          Print
        </button>
        <span className="small muted" role="status">
          {report ? `${shown.length.toLocaleString('en-US')} of ${plural(report.findings.length, 'finding')}` : ''}
        </span>
      </div>
      {exportError && <ErrorMessage error={exportError} />}
      {error && <ErrorMessage error={error} onBack={() => void load()} />}
      {!report && loading && <p className="muted">Running the audit…</p>}
      {report && report.ages.length === 0 && <EmptyCache what="devices" />}
      {/* with nothing cached, "the audit found nothing" would claim every device passes */}
      {report && report.ages.length > 0 && (
        <>
          <div className={`it-audit no-print${open ? ' with-detail' : ''}`}>
            <div className="it-findings-table" role="table" aria-label="Findings" aria-rowcount={shown.length + 1}>
              <div role="row" className="it-finding it-finding-head" style={columns}>
                <div role="columnheader">Severity</div>
                <div role="columnheader">Finding</div>
                <div role="columnheader">Device and store</div>
              </div>
              <div ref={scrollRef} className="it-scroll it-findings" role="rowgroup">
                {shown.length === 0 && (
                  <p className="it-no-match muted" data-testid="audit-no-match">
                    {report.findings.length === 0
                      ? 'The audit found nothing: every device passes the rules that are on.'
                      : `No finding matches ${filter.search ? `“${filter.search}”` : 'these filters'}${selected ? ` in ${nodeById(tree, selected)?.name ?? 'this scope'}` : ''}. Clear the search or the filters${selected ? ', or choose All stores' : ''}.`}
                  </p>
                )}
                <MeasuredRows rows={rows} virtual={virtual}>
                  {(row) => (row.kind === 'group' ? <GroupHeading label={row.label} count={plural(row.count, 'finding')} /> : <FindingRow f={row.f} open={row.f.id === open} />)}
                </MeasuredRows>
              </div>
            </div>
            {open && <FindingDetailPanel id={open} findings={report.findings} onClose={() => (window.location.hash = '#audit')} onStore={showStore} />}
          </div>
          {printing && (
          <table className="print-only it-print">
            <caption>Sensor audit — {report.generatedAt}</caption>
            <thead>
              <tr>
                <th>Severity</th>
                <th>Rule</th>
                <th>Store</th>
                <th>Subject</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((f) => (
                <tr key={f.id}>
                  <td>{f.severity}</td>
                  <td>{ruleLabel(f.rule)}</td>
                  <td>{f.storeName}</td>
                  <td>{f.subjectName}</td>
                  <td>{f.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          )}
        </>
      )}
    </div>
  );
}
