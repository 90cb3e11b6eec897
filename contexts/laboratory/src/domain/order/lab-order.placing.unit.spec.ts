import { expect } from 'chai';
import type { LoincCode, Panel } from '../catalogue/test-definition.js';
import type { LabOrderCommand } from './lab-order.commands.js';
import {
  CHLORIDE,
  CLINICIAN,
  ELECTROLYTES,
  eventsOf,
  given,
  GLUCOSE,
  OTHER_PATIENT,
  place,
  placed,
  POTASSIUM,
  refusalOf,
  SODIUM,
  URINE_PROTEIN,
} from './lab-order.fixtures.js';

const placedData = placed.type === 'LabOrderPlaced' ? placed.data : undefined;
const analytesOf = (command: LabOrderCommand) => {
  const [event] = eventsOf([], command);
  if (event?.type !== 'LabOrderPlaced') throw new Error(`expected LabOrderPlaced, got ${event?.type}`);
  return event.data.analytes;
};
const BASIC: Panel = { ...ELECTROLYTES, code: '51990-0' as LoincCode, name: 'Basic metabolic panel', members: [SODIUM.code, GLUCOSE.code] };

describe('Lab order', () => {
  describe('when placed', () => {
    it('expects the members of a panel ordered, each under its panel', () => given([]).when(place()).then([placed]));
    it('keeps the note for the laboratory', () =>
      expect(eventsOf([], place({ note: 'Patient on ACE inhibitor' }))[0]?.data).to.include({ note: 'Patient on ACE inhibitor' }));
    it('expects a test ordered on its own as itself', () =>
      expect(analytesOf(place({ tests: [GLUCOSE], members: [] }))).to.deep.equal([{ code: GLUCOSE.code, name: GLUCOSE.name }]));
    it('counts a test ordered both alone and in a panel once', () =>
      expect(analytesOf(place({ tests: [POTASSIUM, ELECTROLYTES] })).map((a) => a.code)).to.deep.equal([
        POTASSIUM.code,
        SODIUM.code,
        CHLORIDE.code,
      ]));
    it('counts a member of two panels once, under the first', () =>
      expect(analytesOf(place({ tests: [ELECTROLYTES, BASIC], members: [SODIUM, POTASSIUM, CHLORIDE, GLUCOSE] }))).to.deep.equal([
        ...(placedData?.analytes ?? []),
        { code: GLUCOSE.code, name: GLUCOSE.name, panel: BASIC.code },
      ]));
    it('names who asks as the orderer', () => expect(eventsOf([], place())[0]?.data).to.include({ orderingClinicianId: CLINICIAN }));
    it('names the encounter’s clinician as the orderer when placed on their behalf', () =>
      expect(eventsOf([], place({ actorId: 'policy:laboratory.on-lab-ordered', orderingClinicianId: CLINICIAN }))[0]?.data).to.include({
        orderingClinicianId: CLINICIAN,
      }));

    it('places nothing when the same order is delivered again', () => given([placed]).when(place()).then([]));
    it('places nothing when a direct order is sent again', () => {
      const direct = place({ source: { kind: 'direct' } });
      given(eventsOf([], direct)).when(direct).then([]);
    });
    it('refuses another order under the same id with 409 LAB_ORDER_EXISTS', () =>
      expect(refusalOf([placed], place({ source: { kind: 'direct' } }))).to.include({ kind: 'conflict', code: 'LAB_ORDER_EXISTS' }));
    it('refuses the id of another patient’s order with 409 LAB_ORDER_EXISTS', () =>
      expect(refusalOf([placed], place({ patientId: OTHER_PATIENT }))).to.include({ kind: 'conflict', code: 'LAB_ORDER_EXISTS' }));

    it('refuses an order of no test with 422 NO_TESTS', () =>
      expect(refusalOf([], place({ tests: [] }))).to.deep.include({
        kind: 'invariant',
        code: 'NO_TESTS',
        problems: [{ path: 'body.tests', rule: 'must name at least one test' }],
      }));
    it('refuses a test ordered twice with 422 DUPLICATE_TEST, naming the second', () =>
      expect(refusalOf([], place({ tests: [GLUCOSE, ELECTROLYTES, GLUCOSE] }))).to.deep.include({
        kind: 'invariant',
        code: 'DUPLICATE_TEST',
        problems: [{ path: 'body.tests.2', rule: 'must not repeat a test' }],
      }));
    it('refuses tests of two specimen types with 422 MIXED_SPECIMEN_TYPES', () =>
      expect(refusalOf([], place({ tests: [ELECTROLYTES, URINE_PROTEIN] }))).to.deep.include({
        kind: 'invariant',
        code: 'MIXED_SPECIMEN_TYPES',
        problems: [{ path: 'body.tests.1', rule: 'must be tested on serum, as the other tests' }],
      }));
    it('refuses a panel whose members are of another specimen type with 422 MIXED_SPECIMEN_TYPES', () => {
      const mixed: Panel = { ...ELECTROLYTES, members: [SODIUM.code, URINE_PROTEIN.code] };
      expect(refusalOf([], place({ tests: [mixed], members: [SODIUM, URINE_PROTEIN] }))).to.deep.include({
        code: 'MIXED_SPECIMEN_TYPES',
        problems: [{ path: 'body.tests.0', rule: 'must be tested on serum, as the other tests' }],
      });
    });
    it('refuses a panel whose member the catalogue does not define with 422 UNKNOWN_TEST', () =>
      expect(refusalOf([], place({ members: [SODIUM, POTASSIUM] }))).to.deep.include({
        kind: 'invariant',
        code: 'UNKNOWN_TEST',
        problems: [{ path: 'body.tests.0', rule: `its members ${CHLORIDE.code} must be tests of the catalogue with results of their own` }],
      }));
    it('refuses a panel of panels with 422 UNKNOWN_TEST: its members have results of their own', () => {
      const nested: Panel = { ...BASIC, members: [ELECTROLYTES.code] };
      expect(refusalOf([], place({ tests: [nested], members: [ELECTROLYTES] }))).to.include({ code: 'UNKNOWN_TEST' });
    });
  });
});
