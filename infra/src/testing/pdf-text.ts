import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const missing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * The text of a PDF as poppler's pdftotext lays it out, so a spec checks what a reader would see
 * rather than the drawing operators. scripts/infra/up.sh installs poppler-utils where missing.
 */
export const pdfText = async (pdf: Buffer): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'hcms-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    await writeFile(file, pdf);
    const { stdout } = await run('pdftotext', ['-layout', file, '-']).catch((error: unknown) => {
      if (missing(error)) throw new Error('pdftotext was not found: install poppler-utils (scripts/infra/poppler.sh, as root)');
      throw error;
    });
    return stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};
