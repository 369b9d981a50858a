import Papa from 'papaparse';
import type { ReactNode } from 'react';

export interface Column<T> {
  /** The header, in the table and the CSV. */
  label: string;
  /** What the CSV holds: the raw figure (no unit, no thousands separator). */
  value: (row: T) => string | number | null;
  /** What the table shows; the raw figure when absent. */
  render?: (row: T) => ReactNode;
  numeric?: boolean;
}

/** The CSV of a table: its headers, then one line per row of raw figures. */
export function tableCsv<T>(columns: readonly Column<T>[], rows: readonly T[]): string {
  return Papa.unparse({
    fields: columns.map((column) => column.label),
    data: rows.map((row) => columns.map((column) => column.value(row) ?? '')),
  });
}

/** "Speed per provider and model" → "atelier-speed-per-provider-and-model.csv". */
export function csvFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `atelier-${slug}.csv`;
}

/** Hands the text to the browser as a file download. */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}
