import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import * as t from 'io-ts';
import { decodeOrThrow } from '@hcms/shared-kernel';
import { editionOf, type Icd10Cm, type Icd10CmEntry } from '@hcms/consultations';

/** The shipped editions (infra/terminology/icd10cm/), found from infra/dist/terminology/ where this file runs. */
export const ICD10CM_DIR = fileURLToPath(new URL('../../terminology/icd10cm/', import.meta.url));

const HEADER = 'code\tbillable\ttitle';

/** editions.json, as scripts/terminology/icd10cm-editions.mjs writes it. */
const Manifest = t.readonlyArray(
  t.type({
    id: t.string,
    effectiveFrom: t.string,
    file: t.string,
    codes: t.number,
    billable: t.number,
    source: t.string,
    package: t.string,
    sha256: t.string,
  }),
);
type EditionFile = t.TypeOf<typeof Manifest>[number];

/** One edition's lines (`code`, `billable` 1/0, `title`), checked against the counts the manifest recorded. */
const entriesOf = (dir: string, edition: EditionFile): (readonly [string, Icd10CmEntry])[] => {
  const lines = gunzipSync(readFileSync(join(dir, edition.file)))
    .toString('utf8')
    .split('\n');
  if (lines[0] !== HEADER) throw new Error(`${edition.file} is not an ICD-10-CM edition file: its first line is not "${HEADER}"`);
  const entries: (readonly [string, Icd10CmEntry])[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line === '') return;
    const [code, billable, title] = line.split('\t');
    if (!code || (billable !== '1' && billable !== '0') || !title) throw new Error(`${edition.file}: line ${i + 2} is malformed`);
    entries.push([code, { title, billable: billable === '1' }]);
  });
  const billable = entries.filter(([, entry]) => entry.billable).length;
  if (entries.length !== edition.codes || billable !== edition.billable) {
    throw new Error(
      `${edition.file} holds ${entries.length} codes (${billable} billable), editions.json says ${edition.codes} (${edition.billable})`,
    );
  }
  return entries;
};

const read = (dir: string): Icd10Cm => {
  const manifest = decodeOrThrow(Manifest, JSON.parse(readFileSync(join(dir, 'editions.json'), 'utf8')), 'ICD-10-CM editions.json');
  const dates = manifest.map((edition) => edition.effectiveFrom);
  if (dates.some((date, i) => !/^\d{4}-\d{2}-\d{2}$/.test(date) || (i > 0 && date <= (dates[i - 1] ?? '')))) {
    throw new Error('ICD-10-CM editions.json must list editions oldest first, each with its own effectiveFrom (YYYY-MM-DD)');
  }
  return { editions: manifest.map((edition) => editionOf(edition.id, edition.effectiveFrom, entriesOf(dir, edition))) };
};

const loaded = new Map<string, Icd10Cm>();

/** Every ICD-10-CM edition shipped in `dir`, read once per process (about 100,000 codes per edition). */
export const loadIcd10Cm = (dir: string = ICD10CM_DIR): Icd10Cm => {
  const key = resolve(dir);
  const cached = loaded.get(key);
  if (cached) return cached;
  const codes = read(key);
  loaded.set(key, codes);
  return codes;
};
