import PdfPrinter from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { bodyFont, fonts } from './fonts.js';

const printer = new PdfPrinter(fonts);

/**
 * Text in composed form (NFC): a name that arrives decomposed ("e" then a combining accent, as
 * some systems send it) would otherwise print as a base glyph plus a loose mark, and read back
 * from the PDF with a gap inside the word.
 */
const composed = (node: unknown): unknown => {
  if (typeof node === 'string') return node.normalize('NFC');
  if (Array.isArray(node)) return node.map(composed);
  if (node !== null && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype)
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, composed(value)]));
  return node;
};

/**
 * The creation date (and with it the file id PDFKit derives from the document info) comes from
 * the document's own day: the same input renders to the same bytes, so a copy can be compared or
 * re-sent. An ISO day is expected; one that does not parse gives the epoch rather than the clock.
 * The embedded font subsets keep to this: PDFKit tags each after the font's order of use in the
 * document (F1, F2), not at random.
 */
const creationDate = (day: string): Date => new Date(Number.isNaN(Date.parse(day)) ? 0 : Date.parse(day));

export const renderPdf = (definition: TDocumentDefinitions, title: string, day: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const doc = printer.createPdfKitDocument({
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 50],
      defaultStyle: { font: bodyFont, fontSize: 10 },
      ...definition,
      content: composed(definition.content) as Content,
      info: { title, creator: 'HCMS', creationDate: creationDate(day) },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
