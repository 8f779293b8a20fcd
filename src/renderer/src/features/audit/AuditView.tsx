import { useEffect, useMemo, useRef, useState } from 'react';
import { auditRules, filterFindings, severities, type Finding, type Severity } from '../../../../shared/audit/rules';
import type { ContractError } from '../../../../shared/contract/errors';
import { storesInScope } from '../../../../shared/estate/scope';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { openDeviceRecord } from '../inventory/store';
import { downloadText } from '../../ui/downloadText';
import { DataAgeNote } from '../stores/age';
import { followCacheChanges, nodeById, useEstate } from '../stores/store';
import { EmptyCache } from '../stores/StoresView';
import { useVirtualRows } from '../stores/virtual';
import { AuditSettingsForm } from './AuditSettingsForm';
import { useAudit } from './store';

type Row = { kind: 'group'; label: string; count: number } | { kind: 'finding'; f: Finding };
const ruleLabel = (id: string) => auditRules.find((r) => r.id === id)?.label ?? id;

function FindingRow({ f }: { f: Finding }) {
  const { tree, select } = useEstate();
  const showStore = () => {
    const node = tree?.nodes.find((n) => n.storeUuid === f.storeUuid);
    if (node) select(node.id);
    window.location.hash = '#stores';
  };
  const device = f.subject === 'camera' ? 'cameras' : f.subject === 'appliance' ? 'appliances' : f.subject === 'channel' ? 'channels' : null;
  return (
    <div className="it-finding" data-testid="finding" data-rule={f.rule}>
      <span className={`it-sev it-sev-${f.severity}`}>{f.severity}</span>
      <span className="it-finding-rule">{ruleLabel(f.rule)}</span>
      <span className="it-finding-subject">
        {device ? (
          <button type="button" className="link" onClick={() => openDeviceRecord(device, f.subjectId)}>
            {f.subjectName}
          </button>
        ) : (
          f.subjectName
        )}
      </span>
      <span className="it-finding-reason">{f.reason}</span>
      <button type="button" className="link small" onClick={showStore}>
        {f.storeName}
      </button>
    </div>
  );
}

export function AuditView() {
  const { report, loading, error, filter, groupBy, load, setFilter, setGroupBy } = useAudit();
  const { tree, selected, load: loadTree } = useEstate();
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
  const virtual = useVirtualRows(rows.length, scrollRef, 34);
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
        <span className="small">Scope: {nodeById(tree, selected)?.name ?? 'All stores'}</span>
        <button type="button" onClick={() => void exportCsv()} disabled={!report}>
          Export CSV
        </button>
        <button type="button" onClick={() => setPrinting(true)} disabled={!report}>
          Print
        </button>
        <span className="small muted" role="status">
          {report ? `${shown.length} of ${report.findings.length} findings` : ''}
        </span>
      </div>
      {exportError && <ErrorMessage error={exportError} />}
      {error && <ErrorMessage error={error} />}
      {!report && loading && <p className="muted">Running the audit…</p>}
      {report && report.ages.length === 0 && <EmptyCache what="devices" />}
      {report && (
        <>
          <div ref={scrollRef} className="it-scroll it-findings no-print" aria-label="Findings">
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <div key={item.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: 34, transform: `translateY(${item.start}px)` }}>
                    {row.kind === 'group' ? (
                      <div className="it-group">
                        {row.label} <span className="muted">({row.count})</span>
                      </div>
                    ) : (
                      <FindingRow f={row.f} />
                    )}
                  </div>
                );
              })}
            </div>
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
