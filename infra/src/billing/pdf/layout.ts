import type { Content, ContentTable, StyleDictionary, TableCell } from 'pdfmake/interfaces.js';
import type { ClinicDetails } from './clinic.js';

/** The parts invoices and statements share, so the two read as one clinic's paperwork. */
export const styles: StyleDictionary = {
  clinic: { fontSize: 14, bold: true },
  title: { fontSize: 16, bold: true, margin: [0, 18, 0, 6] },
  section: { fontSize: 11, bold: true, margin: [0, 14, 0, 4] },
  header: { bold: true, fillColor: '#eeeeee' },
  muted: { color: '#555555' },
};

export const clinicHeader = (clinic: ClinicDetails): Content => ({
  stack: [
    { text: clinic.name, style: 'clinic' },
    ...clinic.address.map((line) => ({ text: line })),
    ...[clinic.phone && `Phone: ${clinic.phone}`, clinic.email && `Email: ${clinic.email}`, clinic.taxId && `Tax ID: ${clinic.taxId}`]
      .filter((line): line is string => !!line)
      .map((line) => ({ text: line, style: 'muted' })),
  ],
});

export const patientLines = (patient: { name: string; mrn?: string }): Content[] => [
  { text: [{ text: 'Patient: ', bold: true }, patient.name] },
  ...(patient.mrn ? [{ text: [{ text: 'MRN: ', bold: true }, patient.mrn] }] : []),
];

export interface Column {
  header: string;
  width: number | '*' | 'auto';
  amount?: boolean;
}

/** A table with a header row; amount columns are right-aligned so the figures line up. */
export const table = (columns: readonly Column[], rows: readonly (readonly string[])[]): ContentTable => ({
  table: {
    headerRows: 1,
    widths: columns.map((c) => c.width),
    body: [
      columns.map((c): TableCell => ({ text: c.header, style: 'header', alignment: c.amount ? 'right' : 'left' })),
      ...rows.map((row) => columns.map((c, i): TableCell => ({ text: row[i] ?? '', alignment: c.amount ? 'right' : 'left' }))),
    ],
  },
  layout: 'lightHorizontalLines',
});

/** A titled table, left out altogether when there is nothing to list. */
export const section = (title: string, columns: readonly Column[], rows: readonly (readonly string[])[]): Content[] =>
  rows.length === 0 ? [] : [{ text: title, style: 'section' }, table(columns, rows)];

/** Label and amount pairs, right-aligned under the tables; the last one is what the reader pays. */
export const summary = (rows: readonly (readonly [string, string])[]): Content => ({
  margin: [0, 16, 0, 0],
  table: {
    widths: ['*', 'auto', 90],
    body: rows.map(([label, amount], i) => {
      const last = i === rows.length - 1;
      return [
        { text: '' },
        { text: label, bold: last, fontSize: last ? 12 : 10 },
        { text: amount, alignment: 'right', bold: last, fontSize: last ? 12 : 10 },
      ];
    }),
  },
  layout: 'noBorders',
});

export const pageFooter =
  (what: string) =>
  (page: number, pages: number): Content => ({
    text: `${what} - page ${page} of ${pages}`,
    style: 'muted',
    fontSize: 8,
    alignment: 'center',
    margin: [0, 20, 0, 0],
  });
