import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { checkDiagnosisCode } from '@hcms/consultations';
import { loadIcd10Cm } from './icd10cm-editions.js';

const codes = loadIcd10Cm();
const check = (code: string, date: string) => checkDiagnosisCode(codes, code, date);
const refusal = (code: string, date: string) => {
  const result = check(code, date);
  if (E.isRight(result)) return expect.fail(`expected ${code} on ${date} to be refused`);
  return result.left;
};
const accepted = (code: string, date: string) => {
  const result = check(code, date);
  if (E.isLeft(result)) return expect.fail(`expected ${code} on ${date} to be accepted, got ${result.left.code}`);
  return result.right;
};

describe('ICD-10-CM editions as shipped', () => {
  it('knows FY2025 from 1 October 2024 and FY2026 from 1 October 2025, oldest first', () =>
    expect(codes.editions.map((edition) => [edition.id, edition.effectiveFrom])).to.deep.equal([
      ['FY2025', '2024-10-01'],
      ['FY2026', '2025-10-01'],
    ]));

  it('holds a plausible number of billable codes in each edition', () => {
    for (const edition of codes.editions) {
      const count = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].reduce((sum, letter) => sum + edition.billableUnder(letter, 100_000).length, 0);
      expect(count, edition.id).to.be.within(70_000, 76_000);
    }
  });

  it('reads the files once per process', () => expect(loadIcd10Cm()).to.equal(codes));

  describe('on the 1 October 2025 boundary', () => {
    it('accepts S30.1XXA on 30 September 2025 and refuses it on 1 October 2025, when abdominal wall contusions were split', () => {
      expect(accepted('S30.1XXA', '2025-09-30')).to.deep.equal({
        code: 'S30.1XXA',
        title: 'Contusion of abdominal wall, initial encounter',
        edition: 'FY2025',
      });
      const error = refusal('S30.1XXA', '2025-10-01');
      expect(error.code).to.equal('ICD10CM_NOT_IN_EDITION');
      expect(error.details?.['examples']).to.include('S30.11XA');
    });

    it('accepts T78.1XXA on 30 September 2025 and refuses it on 1 October 2025', () => {
      expect(accepted('T78.1XXA', '2025-09-30').edition).to.equal('FY2025');
      expect(refusal('T78.1XXA', '2025-10-01').code).to.equal('ICD10CM_NOT_IN_EDITION');
    });

    it('refuses E11.A on 30 September 2025 and accepts it from 1 October 2025', () => {
      expect(refusal('E11.A', '2025-09-30').code).to.equal('ICD10CM_NOT_IN_EDITION');
      expect(accepted('E11.A', '2025-10-01')).to.deep.equal({
        code: 'E11.A',
        title: 'Type 2 diabetes mellitus without complications in remission',
        edition: 'FY2026',
      });
    });

    it('accepts G35 on 30 September 2025 and asks for a more specific code from 1 October 2025', () => {
      expect(accepted('G35', '2025-09-30').title).to.equal('Multiple sclerosis');
      const error = refusal('G35', '2025-10-01');
      expect(error.code).to.equal('ICD10CM_NOT_BILLABLE');
      expect(error.details?.['examples']).to.include('G35.A');
      expect(accepted('G35.A', '2025-10-01').title).to.equal('Relapsing-remitting multiple sclerosis');
    });
  });

  describe('7th characters', () => {
    it('accepts S52.521A and asks for a 7th character when S52.521 comes without one', () => {
      expect(accepted('S52.521A', '2026-01-15').title).to.equal(
        'Torus fracture of lower end of right radius, initial encounter for closed fracture',
      );
      const error = refusal('S52.521', '2026-01-15');
      expect(error.code).to.equal('ICD10CM_SEVENTH_CHARACTER_REQUIRED');
      expect(error.details?.['seventhCharacters']).to.deep.equal(['A', 'D', 'G', 'K', 'P', 'S']);
    });

    it('asks T36.0X1 for A, D or S after its placeholder X', () =>
      expect(refusal('T36.0X1', '2026-01-15').details?.['seventhCharacters']).to.deep.equal(['A', 'D', 'S']));

    it('offers only A where a death before regaining consciousness rules out later encounters (S06.1X7)', () => {
      expect(refusal('S06.1X7', '2026-01-15').details?.['seventhCharacters']).to.deep.equal(['A']);
      expect(refusal('S06.1X7D', '2026-01-15').code).to.equal('ICD10CM_UNKNOWN_CODE');
    });
  });

  it('accepts E11.9 in both editions', () => {
    expect(accepted('E11.9', '2025-09-30').edition).to.equal('FY2025');
    expect(accepted('e119', '2025-10-01')).to.deep.equal({
      code: 'E11.9',
      title: 'Type 2 diabetes mellitus without complications',
      edition: 'FY2026',
    });
  });
});
