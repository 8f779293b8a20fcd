/** One line of a write's preview: what a field holds now and what it will hold after. */
export interface DiffLine {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** The preview of a write to a vendor, field by field: Now and After. */
export function DiffTable({ lines }: { lines: readonly DiffLine[] }) {
  return (
    <table className="it-table-static admin-diff">
      <thead>
        <tr>
          <th>Field</th>
          <th>Now</th>
          <th>After</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.key}>
            <td>{l.label}</td>
            <td className="muted">{l.before}</td>
            <td>{l.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
