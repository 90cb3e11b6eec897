#!/usr/bin/env node
// Writes the ICD-10-CM editions the platform validates diagnoses against (infra/terminology/icd10cm/)
// from the CDC's tabular list XML as bundled in the PyPI package simple-icd-10-cm.
// Run through scripts/terminology/icd10cm.sh, which downloads and unpacks the wheels:
//   node scripts/terminology/icd10cm-editions.mjs --packages              the wheels to fetch, one a line
//   node scripts/terminology/icd10cm-editions.mjs --from DIR --out DIR    DIR/<name>-<version>/ unpacked wheels
// The output is deterministic: codes sorted, gzip without a timestamp, so a rerun gives identical bytes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

/**
 * One line per edition, oldest first. CDC publishes each fiscal year's edition in force from 1 October
 * and, some years, an April update; the packages carry the April updates, shipped here as the edition
 * from 1 October (see the data folder's README).
 */
const EDITIONS = [
  {
    id: 'FY2025',
    effectiveFrom: '2024-10-01',
    release: 'ICD-10-CM FY2025, April 1, 2025 update (CDC tabular list)',
    package: 'simple-icd-10-cm',
    version: '1.4.0',
    tabular: 'simple_icd_10_cm/data/icd10cm-tabular-April-2025.xml',
    codeList: 'simple_icd_10_cm/data/code-list-April-2025.txt',
  },
  {
    id: 'FY2026',
    effectiveFrom: '2025-10-01',
    release: 'ICD-10-CM FY2026, April 1, 2026 update (CDC tabular list)',
    package: 'simple-icd-10-cm',
    version: '1.5.0',
    tabular: 'simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml',
    codeList: 'simple_icd_10_cm/data/code-list-April-2026.txt',
  },
];

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const text = (raw) =>
  raw
    .replace(/&(amp|lt|gt|quot|apos);/g, (_, name) => ENTITIES[name])
    .replace(/\s+/g, ' ')
    .trim();
const dotted = (bare) => (bare.length > 3 ? `${bare.slice(0, 3)}.${bare.slice(3)}` : bare);
const bytewise = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every code of the tabular list: each `diag` (headers and leaves) and, below a `sevenChrDef` (inherited
 * from the nearest ancestor that has one), every leaf's 7-character codes, padded with the placeholder X
 * to six characters. A leaf that takes a 7th character is itself a header; the rest are billable.
 * @returns {Map<string, {billable: boolean, title: string}>} keyed by the dotted code
 */
const codesOf = (xml) => {
  const codes = new Map();
  /** Open diag elements, innermost last; `depth` counts the elements open inside it (its own name/desc are at 0). */
  const stack = [];
  let field; // what the current characters belong to: 'name' | 'desc' | 'extension' | undefined
  const add = (code, billable, title, extension = false) => {
    if (codes.has(code)) throw new Error(`${code} appears twice in the tabular list`);
    if (!title) throw new Error(`${code} has no title`);
    codes.set(code, { billable, title, extension });
  };
  const close = (diag) => {
    const sevenChr = [...stack, diag].reverse().find((d) => d.sevenChr)?.sevenChr;
    const bare = diag.name.replace('.', '');
    if (diag.children > 0 || !sevenChr || bare.length >= 7) {
      add(diag.name, diag.children === 0, diag.desc);
      return;
    }
    add(diag.name, false, diag.desc);
    const stem = bare.padEnd(6, 'X');
    for (const [char, title] of sevenChr) add(dotted(stem + char), true, `${diag.desc}, ${title}`, true);
  };
  for (const match of xml.matchAll(/<(\/?)([A-Za-z0-9]+)([^>]*?)(\/?)>|([^<]+)/g)) {
    const [, closing, tag, attributes, selfClosing, chars] = match;
    const top = stack.at(-1);
    if (chars !== undefined) {
      if (field === 'extension') top.sevenChr.at(-1)[1] += chars;
      else if (field) top[field] += chars;
    } else if (selfClosing) {
      continue;
    } else if (tag === 'diag' && !closing) {
      if (top) top.children += 1;
      stack.push({ name: '', desc: '', sevenChr: undefined, children: 0, depth: 0 });
    } else if (tag === 'diag') {
      stack.pop();
      close({ ...top, name: text(top.name), desc: text(top.desc) });
    } else if (!top) {
      continue;
    } else if (!closing) {
      if (top.depth === 0 && (tag === 'name' || tag === 'desc')) field = tag;
      if (top.depth === 0 && tag === 'sevenChrDef') top.sevenChr = [];
      if (top.depth === 1 && tag === 'extension' && top.sevenChr) {
        const char = /char="([^"]+)"/.exec(attributes)?.[1];
        if (!char) throw new Error(`an extension of ${top.name} has no char`);
        top.sevenChr.push([char, '']);
        field = 'extension';
      }
      top.depth += 1;
    } else {
      if (field === 'extension') top.sevenChr.at(-1)[1] = text(top.sevenChr.at(-1)[1]);
      field = undefined;
      top.depth -= 1;
    }
  }
  if (stack.length > 0) throw new Error('the tabular list ends inside a diag element');
  return codes;
};

/**
 * The package's list of every code (chapters and blocks too, without dots) decides which codes exist: some
 * exceptions to a 7th-character rule are stated only in prose (in category S06, a 6th character 7 or 8,
 * death before regaining consciousness, takes only A), so derived 7-character codes it lacks are dropped.
 * Anything else that differs is an error.
 */
const keepListed = (codes, listText, edition) => {
  const listed = new Set(
    listText
      .split(/\r?\n/)
      .map((line) => line.trim().split(/\s/)[0])
      .filter((code) => /^[A-Z][0-9A-Z]{2}/.test(code) && !code.includes('-'))
      .map((code) => dotted(code.replace('.', ''))),
  );
  const missing = [...listed].filter((code) => !codes.has(code));
  const unlisted = [...codes.keys()].filter((code) => !listed.has(code));
  const unexpected = unlisted.filter((code) => !codes.get(code).extension);
  if (missing.length > 0 || unexpected.length > 0) {
    throw new Error(
      `${edition.id}: the tabular list and the package's code list disagree: ` +
        `not derived ${missing.slice(0, 5).join(', ')} (${missing.length}), not listed ${unexpected.slice(0, 5).join(', ')} (${unexpected.length})`,
    );
  }
  for (const code of unlisted) codes.delete(code);
  return unlisted.length;
};

const tsvOf = (codes) => {
  const lines = [...codes.keys()].sort(bytewise).map((code) => {
    const { billable, title } = codes.get(code);
    return `${code}\t${billable ? 1 : 0}\t${title}`;
  });
  return `code\tbillable\ttitle\n${lines.join('\n')}\n`;
};

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const { values } = parseArgs({ options: { packages: { type: 'boolean' }, from: { type: 'string' }, out: { type: 'string' } } });
if (values.packages) {
  for (const spec of new Set(EDITIONS.map((e) => `${e.package}==${e.version}`))) console.log(spec);
  process.exit(0);
}
if (!values.from || !values.out) {
  console.error('usage: icd10cm-editions.mjs --packages | --from UNPACKED_WHEELS_DIR --out OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(values.out, { recursive: true });
const manifest = [];
for (const edition of EDITIONS) {
  const wheel = join(values.from, `${edition.package}-${edition.version}`);
  const tabular = readFileSync(join(wheel, edition.tabular));
  const codes = codesOf(tabular.toString('utf8'));
  const dropped = keepListed(codes, readFileSync(join(wheel, edition.codeList), 'utf8'), edition);
  const file = `icd10cm-${edition.id}.tsv.gz`;
  writeFileSync(join(values.out, file), gzipSync(Buffer.from(tsvOf(codes), 'utf8'), { level: 9 }));
  const billable = [...codes.values()].filter((c) => c.billable).length;
  manifest.push({
    id: edition.id,
    effectiveFrom: edition.effectiveFrom,
    file,
    codes: codes.size,
    billable,
    source: `${edition.release}: ${edition.tabular.split('/').at(-1)}`,
    package: `${edition.package}==${edition.version}`,
    sha256: sha256(tabular),
  });
  console.error(`${edition.id}: ${codes.size} codes, ${billable} billable (${dropped} unlisted 7-character codes dropped) -> ${file}`);
}
writeFileSync(join(values.out, 'editions.json'), `${JSON.stringify(manifest, null, 2)}\n`);
