import { createRequire } from 'node:module';
import type { TFontDictionary } from 'pdfmake/interfaces.js';

const resolve = createRequire(import.meta.url).resolve;
const ttf = (name: string): string => resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`);

/**
 * DejaVu Sans covers Latin with Vietnamese, Greek and Cyrillic, where the standard Helvetica
 * stops at WinAnsi and garbles such names. Resolved through the package so a missing install
 * fails when the module loads, not mid-render; PDFKit embeds only the glyphs a document uses.
 * Not covered: CJK, Arabic, Hebrew and Indic scripts would need fonts of their own (CJK ones
 * weigh megabytes), and joining scripts would need shaping PDFKit does not do.
 */
export const bodyFont = 'DejaVuSans';

export const fonts: TFontDictionary = {
  [bodyFont]: {
    normal: ttf('DejaVuSans'),
    bold: ttf('DejaVuSans-Bold'),
    italics: ttf('DejaVuSans-Oblique'),
    bolditalics: ttf('DejaVuSans-BoldOblique'),
  },
};
