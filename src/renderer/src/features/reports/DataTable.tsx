import { toCsv } from '../../../../shared/text/csv';
import { formatAmount, formatCount, formatPercent, formatRatio } from '../../../../shared/reports/format';
import { cellKind, csvRows, type ColumnKind, type ReportTable } from '../../../../shared/reports/tables';
import { downloadText } from '../../ui/downloadText';

function show(v: string | number | null, kind: ColumnKind): string {
  if (typeof v === 'string') return v;
  if (kind === 'count') return formatCount(v);
  if (kind === 'amount') return formatAmount(v);
  if (kind === 'percent') return formatPercent(v);
  if (kind === 'ratio') return formatRatio(v);
  return v === null ? '' : String(v);
}

export function csvButton(table: ReportTable, fileStem: string) {
  return (
    <button className="small" onClick={() => downloadText(`${fileStem} ${table.id}.csv`, toCsv(table.columns.map((c) => c.label), csvRows(table)))}>
      CSV
    </button>
  );
}

/** The numbers behind a chart: formatted on screen ("n/a", "no data" said in words); in the CSV as numbers, rounded to what they mean. */
export function DataTable({ table }: { table: ReportTable }) {
  return (
    <div className="report-table-wrap">
      <table className="report-table" data-testid={`table-${table.id}`}>
        <thead>
          <tr>{table.columns.map((c, i) => <th key={i}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((r, i) => (
            <tr key={i}>
              {r.map((v, j) => (
                <td key={j} className={table.columns[j]!.kind === 'text' ? undefined : 'num'}>{show(v, cellKind(table, i, j))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
