import { expect } from 'chai';
import { allergyConflicts, type ActiveAllergy } from './allergy-check.js';
import { DRUG_CLASSES } from './drug-classes.js';

const allergy = (substance: string, allergyId = 'a1'): ActiveAllergy => ({ allergyId, substance });

describe('Allergy check', () => {
  describe('when the medication is the allergy’s substance', () => {
    it('flags amoxicillin 500 mg for an amoxicillin allergy', () =>
      expect(allergyConflicts('Amoxicillin 500 mg capsule', [allergy('Amoxicillin')])).to.deep.equal([
        { allergyId: 'a1', substance: 'Amoxicillin', matchedBy: 'substance' },
      ]));
    it('flags a combination product that holds the substance', () =>
      expect(allergyConflicts('Co-amoxiclav 625 mg tablet', [allergy('amoxicillin')])).to.deep.equal([
        { allergyId: 'a1', substance: 'amoxicillin', matchedBy: 'substance' },
      ]));
    it('knows an ingredient by its other names', () =>
      expect(allergyConflicts('Acetylsalicylic acid 75 mg', [allergy('Aspirin')])).to.deep.equal([
        { allergyId: 'a1', substance: 'Aspirin', matchedBy: 'substance' },
      ]));
    it('flags a substance outside the table when its name is in the medication’s', () =>
      expect(allergyConflicts('Gentamicin 80 mg/2 mL injection', [allergy('gentamicin')])).to.deep.equal([
        { allergyId: 'a1', substance: 'gentamicin', matchedBy: 'substance' },
      ]));
  });

  describe('when the medication shares a drug class with the allergy', () => {
    it('flags amoxicillin for a penicillin allergy', () =>
      expect(allergyConflicts('amoxicillin', [allergy('Penicillin')])).to.deep.equal([
        { allergyId: 'a1', substance: 'Penicillin', matchedBy: 'drug-class', drugClass: 'penicillins' },
      ]));
    it('flags penicillin V for an allergy to penicillin G, a different substance of the class', () =>
      expect(allergyConflicts('Phenoxymethylpenicillin 250 mg', [allergy('Benzylpenicillin')])).to.deep.equal([
        { allergyId: 'a1', substance: 'Benzylpenicillin', matchedBy: 'drug-class', drugClass: 'penicillins' },
      ]));
    it('flags co-trimoxazole for a sulfa allergy', () =>
      expect(allergyConflicts('Co-trimoxazole 960 mg', [allergy('Sulfa drugs')])).to.deep.equal([
        { allergyId: 'a1', substance: 'Sulfa drugs', matchedBy: 'drug-class', drugClass: 'sulfonamide-antibiotics' },
      ]));
    it('flags naproxen for an ibuprofen allergy', () =>
      expect(allergyConflicts('Naproxen 250 mg', [allergy('ibuprofen')])).to.deep.equal([
        { allergyId: 'a1', substance: 'ibuprofen', matchedBy: 'drug-class', drugClass: 'nsaids' },
      ]));
    it('flags every conflicting allergy, and only those', () =>
      expect(
        allergyConflicts('amoxicillin/clavulanate', [allergy('PCN', 'a1'), allergy('latex', 'a2'), allergy('co-amoxiclav', 'a3')]).map(
          (c) => [c.allergyId, c.matchedBy],
        ),
      ).to.deep.equal([
        ['a1', 'drug-class'],
        ['a3', 'substance'],
      ]));
  });

  describe('when nothing conflicts', () => {
    it('flags nothing for paracetamol', () =>
      expect(
        allergyConflicts('Paracetamol 1 g tablet', [allergy('penicillin'), allergy('NSAIDs', 'a2'), allergy('codeine', 'a3')]),
      ).to.deep.equal([]));
    it('flags nothing across classes: a cephalosporin for a penicillin allergy is the prescriber’s call', () =>
      expect(allergyConflicts('cefalexin 500 mg', [allergy('penicillin')])).to.deep.equal([]));
    it('flags nothing when there are no allergies', () => expect(allergyConflicts('ibuprofen', [])).to.deep.equal([]));
  });

  describe('when names are compared', () => {
    it('matches whole words, never a part of one: ampicillin is no cillin', () =>
      expect(allergyConflicts('Ampicillin 500 mg', [allergy('cillin')])).to.deep.equal([]));
    it('does not take nystatin for a statin', () =>
      expect(allergyConflicts('Nystatin oral suspension', [allergy('statins')])).to.deep.equal([]));
    it('does not take a dose for a substance', () => expect(allergyConflicts('Amoxicillin 500 mg', [allergy('500')])).to.deep.equal([]));
    it('ignores case, spacing, punctuation and accents', () =>
      expect(allergyConflicts('  SULFAMÉTHOXAZOLE/trimethoprim   800/160MG ', [allergy(' co-Trimoxazole. ')])).to.deep.equal([
        { allergyId: 'a1', substance: ' co-Trimoxazole. ', matchedBy: 'substance' },
      ]));
    it('reads a hyphenated class name as its words', () =>
      expect(allergyConflicts('Diclofenac gel', [allergy('Non-steroidal anti-inflammatory drugs')])[0]?.drugClass).to.equal('nsaids'));
  });

  describe('the drug-class table', () => {
    it('puts each ingredient in one class only', () => {
      const members = DRUG_CLASSES.flatMap((c) => c.members);
      expect(members.length).to.equal(new Set(members).size);
    });
  });
});
