import { toCsv } from '../../../../shared/reports/csv';
import { formatAmount, formatCount, formatPercent, formatRatio } from '../../../../shared/reports/format';
import type { Column, ReportTable } from '../../../../shared/reports/tables';
import { downloadText } from '../../ui/downloadText';

function show(v: string | number | null, c: Column): string {
  if (typeof v === 'string') return v;
  if (c.kind === 'count') return formatCount(v);
  if (c.kind === 'amount') return formatAmount(v);
  if (c.kind === 'percent') return formatPercent(v);
  if (c.kind === 'ratio') return formatRatio(v);
  return v === null ? '' : String(v);
}

export function csvButton(table: ReportTable, fileStem: string) {
  return (
    <button className="small" onClick={() => downloadText(`${fileStem} ${table.id}.csv`, toCsv(table.columns.map((c) => c.label), table.rows))}>
      CSV
    </button>
  );
}

/** The numbers behind a chart: formatted on screen ("n/a", "no data" said in words), raw in the CSV. */
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
                <td key={j} className={table.columns[j]!.kind === 'text' ? undefined : 'num'}>{show(v, table.columns[j]!)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
