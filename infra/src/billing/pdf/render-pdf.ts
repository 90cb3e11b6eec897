import PdfPrinter from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

// The standard 14 fonts live in every PDF reader, so nothing is embedded and no font file ships.
const printer = new PdfPrinter({
  Helvetica: { normal: 'Helvetica', bold: 'Helvetica-Bold', italics: 'Helvetica-Oblique', bolditalics: 'Helvetica-BoldOblique' },
});

/**
 * The creation date (and with it the file id PDFKit derives from the document info) comes from
 * the document's own day: the same input renders to the same bytes, so a copy can be compared or
 * re-sent. An ISO day is expected; one that does not parse gives the epoch rather than the clock.
 */
const creationDate = (day: string): Date => new Date(Number.isNaN(Date.parse(day)) ? 0 : Date.parse(day));

export const renderPdf = (definition: TDocumentDefinitions, title: string, day: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = printer.createPdfKitDocument({
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 50],
      defaultStyle: { font: 'Helvetica', fontSize: 10 },
      ...definition,
      info: { title, creator: 'HCMS', creationDate: creationDate(day) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
