import { csvFileName, downloadCsv, tableCsv, type Column } from './csv';

interface DataTableProps<T> {
  /** The table's name (its caption) and the CSV's file name. */
  title: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  /** Said in the table's place when it has no rows. */
  empty?: string;
  /** Shown instead of the caption text, e.g. when a heading above already names it. */
  captionHidden?: boolean;
}

/** A real table of figures with its CSV export; numbers right-aligned, tabular. */
export function DataTable<T>({
  title,
  columns,
  rows,
  rowKey,
  empty,
  captionHidden = false,
}: DataTableProps<T>) {
  return (
    <div className="insights-table">
      <div className="insights-table-bar">
        <button
          type="button"
          className="button button-small button-ghost"
          aria-label={`Export CSV: ${title}`}
          disabled={rows.length === 0}
          onClick={() => downloadCsv(csvFileName(title), tableCsv(columns, rows))}
        >
          Export CSV
        </button>
      </div>
      {rows.length === 0 ? (
        <p className="muted">{empty ?? 'Nothing in this range.'}</p>
      ) : (
        <div className="insights-table-wrap">
          <table className="insights-data-table">
            <caption className={captionHidden ? 'visually-hidden' : 'insights-caption'}>{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.label} scope="col" className={column.numeric ? 'num' : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={rowKey(row, index)}>
                  {columns.map((column, i) => {
                    const shown = column.render ? column.render(row) : String(column.value(row) ?? '—');
                    const Cell = i === 0 ? 'th' : 'td';
                    return (
                      <Cell
                        key={column.label}
                        scope={i === 0 ? 'row' : undefined}
                        className={column.numeric ? 'num' : undefined}
                      >
                        {shown}
                      </Cell>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
