import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { checkDiagnosisCode, editionOf, editionOn, type Icd10Cm, type Icd10CmEntry } from './icd10cm.js';

// Small editions shaped like the real FY2025 and FY2026 ones (titles as published).
const header = (code: string, title: string): readonly [string, Icd10CmEntry] => [code, { title, billable: false }];
const billable = (code: string, title: string): readonly [string, Icd10CmEntry] => [code, { title, billable: true }];
const withSeventh = (code: string, title: string, characters: Record<string, string>) => [
  header(code, title),
  ...Object.entries(characters).map(([char, text]) => billable(`${code.replace('.', '').padEnd(6, 'X')}${char}`, `${title}, ${text}`)),
];
const injury = { A: 'initial encounter', D: 'subsequent encounter', S: 'sequela' };

const common = [
  header('E11', 'Type 2 diabetes mellitus'),
  header('E11.6', 'Type 2 diabetes mellitus with other specified complications'),
  billable('E11.65', 'Type 2 diabetes mellitus with hyperglycemia'),
  billable('E11.9', 'Type 2 diabetes mellitus without complications'),
  header('S52', 'Fracture of forearm'),
  header('S52.5', 'Fracture of lower end of radius'),
  header('S52.52', 'Torus fracture of lower end of radius'),
  ...withSeventh('S52.521', 'Torus fracture of lower end of right radius', {
    A: 'initial encounter for closed fracture',
    D: 'subsequent encounter for fracture with routine healing',
    G: 'subsequent encounter for fracture with delayed healing',
    K: 'subsequent encounter for fracture with nonunion',
    P: 'subsequent encounter for fracture with malunion',
    S: 'sequela',
  }),
  header('S30', 'Superficial injury of abdomen, lower back, pelvis and external genitals'),
  header('S30.1', 'Contusion of abdominal wall'),
  header('T36', 'Poisoning by, adverse effect of and underdosing of systemic antibiotics'),
  header('T36.0', 'Poisoning by, adverse effect of and underdosing of penicillins'),
  header('T36.0X', 'Poisoning by, adverse effect of and underdosing of penicillins'),
  ...withSeventh('T36.0X1', 'Poisoning by penicillins, accidental (unintentional)', injury),
  ...withSeventh('T36.0X5', 'Adverse effect of penicillins', injury),
  ...withSeventh('T07', 'Unspecified multiple injuries', injury),
];

const fy2025 = editionOf('FY2025', '2024-10-01', [
  ...common,
  billable('G35', 'Multiple sclerosis'),
  ...withSeventh('S30.1', 'Contusion of abdominal wall', injury).slice(1),
]);
const fy2026 = editionOf('FY2026', '2025-10-01', [
  ...common,
  billable('E11.A', 'Type 2 diabetes mellitus without complications in remission'),
  header('G35', 'Multiple sclerosis'),
  billable('G35.A', 'Relapsing-remitting multiple sclerosis'),
  header('G35.B', 'Primary progressive multiple sclerosis'),
  billable('G35.B0', 'Primary progressive multiple sclerosis, unspecified'),
  billable('G35.D', 'Multiple sclerosis, unspecified'),
  ...withSeventh('S30.11', 'Contusion of abdominal wall', injury),
  ...withSeventh('S30.12', 'Contusion of groin', injury),
]);
const codes: Icd10Cm = { editions: [fy2025, fy2026] };

const accepted = (code: string, date: string, installed: Icd10Cm = codes) => {
  const result = checkDiagnosisCode(installed, code, date);
  if (E.isLeft(result)) return expect.fail(`expected ${code} on ${date} to be accepted, got ${result.left.code}`);
  return result.right;
};
const refused = (code: string, date: string) => {
  const result = checkDiagnosisCode(codes, code, date);
  if (E.isRight(result)) return expect.fail(`expected ${code} on ${date} to be refused`);
  return result.left;
};
const ruleOf = (error: ReturnType<typeof refused>) => error.problems?.[0]?.rule ?? '';

describe('ICD-10-CM coding', () => {
  describe('choosing the edition', () => {
    it('uses the newest edition that took effect on or before the date of service', () => {
      expect(editionOn(codes, '2024-10-01')?.id).to.equal('FY2025');
      expect(editionOn(codes, '2025-09-30')?.id).to.equal('FY2025');
      expect(editionOn(codes, '2025-10-01')?.id).to.equal('FY2026');
      expect(editionOn(codes, '2026-07-14T09:30:00.000Z')?.id).to.equal('FY2026');
    });

    it('refuses a date of service before every edition, naming the oldest', () => {
      const error = refused('E11.9', '2024-09-30');
      expect(error).to.include({ kind: 'invariant', code: 'ICD10CM_NO_EDITION' });
      expect(error.problems).to.deep.equal([
        {
          path: 'body.code',
          rule: 'no ICD-10-CM edition known here is in force on 2024-09-30: the oldest, FY2025, took effect on 2024-10-01',
        },
      ]);
      expect(error.details).to.deep.include({ dateOfService: '2024-09-30' });
    });
  });

  describe('after the newest edition installed has given way to the next', () => {
    it('refuses a date of service from the 1 October that ends it, naming the edition that is missing', () => {
      expect(editionOn(codes, '2026-09-30')?.id).to.equal('FY2026');
      const error = refused('E11.9', '2026-10-01');
      expect(error).to.include({ kind: 'invariant', code: 'ICD10CM_NO_EDITION' });
      expect(ruleOf(error)).to.equal(
        'the ICD-10-CM edition in force on 2026-10-01 is not installed here: the newest, FY2026, was superseded on 2026-10-01',
      );
    });

    it('checks against the newest when the operator chose to, recording that edition', () =>
      expect(accepted('E11.9', '2026-11-28', { ...codes, afterNewest: 'newest' })).to.include({ edition: 'FY2026' }));
  });

  describe('on the edition boundary', () => {
    it('accepts S30.1XXA on 30 September 2025 and refuses it on 1 October 2025', () => {
      expect(accepted('S30.1XXA', '2025-09-30')).to.deep.equal({
        code: 'S30.1XXA',
        title: 'Contusion of abdominal wall, initial encounter',
        edition: 'FY2025',
      });
      const error = refused('S30.1XXA', '2025-10-01');
      expect(error).to.include({ kind: 'invariant', code: 'ICD10CM_NOT_IN_EDITION' });
      expect(ruleOf(error))
        .to.include('FY2026, the edition in force on 2025-10-01')
        .and.include('FY2025 (in force from 2024-10-01, superseded on 2025-10-01)');
      expect(error.details).to.deep.include({
        edition: 'FY2026',
        foundIn: [{ edition: 'FY2025', effectiveFrom: '2024-10-01', supersededOn: '2025-10-01', billable: true }],
        examples: ['S30.11XA', 'S30.11XD', 'S30.11XS', 'S30.12XA', 'S30.12XD'],
      });
    });

    it('refuses E11.A on 30 September 2025 and accepts it on 1 October 2025', () => {
      const error = refused('E11.A', '2025-09-30');
      expect(error.code).to.equal('ICD10CM_NOT_IN_EDITION');
      expect(ruleOf(error))
        .to.include('FY2025, the edition in force on 2025-09-30')
        .and.include('only in FY2026 (in force from 2025-10-01)');
      expect(accepted('E11.A', '2025-10-01')).to.deep.equal({
        code: 'E11.A',
        title: 'Type 2 diabetes mellitus without complications in remission',
        edition: 'FY2026',
      });
    });

    it('accepts G35 on 30 September 2025 and, once it became a header on 1 October 2025, asks for a more specific code', () => {
      expect(accepted('G35', '2025-09-30').edition).to.equal('FY2025');
      const error = refused('G35', '2025-10-01');
      expect(error.code).to.equal('ICD10CM_NOT_BILLABLE');
      expect(error.details).to.deep.include({
        edition: 'FY2026',
        examples: ['G35.A', 'G35.B0', 'G35.D'],
        billableIn: [{ edition: 'FY2025', effectiveFrom: '2024-10-01', supersededOn: '2025-10-01' }],
      });
      expect(ruleOf(error)).to.include('more specific code, e.g. G35.A, G35.B0, G35.D');
    });
  });

  describe('7th characters', () => {
    it('accepts a full 7-character code with its title', () =>
      expect(accepted('S52.521A', '2026-01-15')).to.deep.equal({
        code: 'S52.521A',
        title: 'Torus fracture of lower end of right radius, initial encounter for closed fracture',
        edition: 'FY2026',
      }));

    it('asks for a 7th character when S52.521 comes without one', () => {
      const error = refused('S52.521', '2026-01-15');
      expect(error).to.include({ kind: 'invariant', code: 'ICD10CM_SEVENTH_CHARACTER_REQUIRED' });
      expect(error.details).to.deep.include({ edition: 'FY2026', seventhCharacters: ['A', 'D', 'G', 'K', 'P', 'S'] });
      expect(ruleOf(error)).to.include('FY2026, the edition in force on 2026-01-15').and.include('7th character (A, D, G, K, P, S)');
    });

    it('asks for a 7th character after a placeholder X (T36.0X1 takes A, D or S)', () => {
      const error = refused('T36.0X1', '2026-01-15');
      expect(error.code).to.equal('ICD10CM_SEVENTH_CHARACTER_REQUIRED');
      expect(error.details).to.deep.include({ seventhCharacters: ['A', 'D', 'S'], examples: ['T36.0X1A', 'T36.0X1D', 'T36.0X1S'] });
      expect(accepted('T36.0X1D', '2026-01-15').title).to.equal(
        'Poisoning by penicillins, accidental (unintentional), subsequent encounter',
      );
    });

    it('asks for a 7th character when a short code is padded with placeholder X, typed or not', () => {
      expect(refused('T07', '2026-01-15').code).to.equal('ICD10CM_SEVENTH_CHARACTER_REQUIRED');
      expect(refused('T07.XXX', '2026-01-15').details).to.deep.include({ seventhCharacters: ['A', 'D', 'S'] });
      expect(accepted('T07.XXXS', '2026-01-15').code).to.equal('T07.XXXS');
    });

    it('treats a header above several 7th-character codes as not billable, not as missing a 7th character', () =>
      expect(refused('T36.0', '2026-01-15').code).to.equal('ICD10CM_NOT_BILLABLE'));
  });

  describe('headers', () => {
    it('refuses a category as not billable and suggests billable codes under it', () => {
      const error = refused('E11', '2025-10-01');
      expect(error).to.include({ kind: 'invariant', code: 'ICD10CM_NOT_BILLABLE' });
      expect(error.details).to.deep.equal({ edition: 'FY2026', effectiveFrom: '2025-10-01', examples: ['E11.65', 'E11.9', 'E11.A'] });
      expect(error.problems).to.deep.equal([
        {
          path: 'body.code',
          rule: 'must be a billable ICD-10-CM code of FY2026, the edition in force on 2025-10-01: this code is a header; use a more specific code, e.g. E11.65, E11.9, E11.A',
        },
      ]);
    });
  });

  describe('unknown codes', () => {
    it('refuses a well-formed code that no edition has', () => {
      const error = refused('E11.99', '2025-10-01');
      expect(error).to.include({ kind: 'invariant', code: 'ICD10CM_UNKNOWN_CODE' });
      expect(ruleOf(error)).to.include('FY2026, the edition in force on 2025-10-01');
    });

    it('refuses text that is not shaped like a code, without repeating it', () => {
      const error = refused('Ada Lovelace', '2025-10-01');
      expect(error.code).to.equal('ICD10CM_UNKNOWN_CODE');
      expect(JSON.stringify(error)).not.to.include('Lovelace');
    });
  });

  describe('normalisation', () => {
    it('accepts lower case, surrounding spaces and a missing dot, and answers the dotted upper-case form', () => {
      expect(accepted('s52521a', '2026-01-15').code).to.equal('S52.521A');
      expect(accepted(' e11.9 ', '2026-01-15').code).to.equal('E11.9');
      expect(accepted('E119', '2026-01-15').code).to.equal('E11.9');
    });

    it('refuses a dot in the wrong place', () => expect(refused('S525.21A', '2026-01-15').code).to.equal('ICD10CM_UNKNOWN_CODE'));
  });

  describe('an edition', () => {
    it('finds entries with or without the dot', () => {
      expect(fy2026.entry('s52521')).to.deep.equal({ title: 'Torus fracture of lower end of right radius', billable: false });
      expect(fy2026.entry('E11.9')?.billable).to.equal(true);
      expect(fy2026.entry('E11.99')).to.equal(undefined);
    });

    it('lists the billable codes under a prefix in code order, at most the limit', () => {
      expect(fy2026.billableUnder('S52', 3)).to.deep.equal(['S52.521A', 'S52.521D', 'S52.521G']);
      expect(fy2026.billableUnder('e11', 10)).to.deep.equal(['E11.65', 'E11.9', 'E11.A']);
      expect(fy2026.billableUnder('T360X1', 10)).to.deep.equal(['T36.0X1A', 'T36.0X1D', 'T36.0X1S']);
      expect(fy2026.billableUnder('Z', 10)).to.deep.equal([]);
    });
  });
});
