import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { DomainError, Role, Route, RouteResponse } from '@hcms/shared-kernel';
import { patientDetailProjection } from '../patient-detail/patient-detail.projection.js';
import { bodyOf, caller, memoryReadModels, patientEventsOf, statusOf } from '../read-models.fixtures.js';
import type { Projection } from '../runner/projection.js';
import { clinicalChartRoutes } from './clinical-chart.routes.js';
import { encounterDetailProjection } from './encounter-detail.projection.js';
import { encounterQueryRoutes } from './encounter.routes.js';
import { CLINICIAN, OTHER_CLINICIAN, OTHER_PATIENT, opened, PATIENT, signedEncounter, stream } from './encounter.fixtures.js';
import { patientEncountersProjection } from './patient-encounters.projection.js';

const { deps, store, record, awaited, stalled } = memoryReadModels();
const patient = patientEventsOf;

const [SIGNED, DRAFT, OLDER_DRAFT, RETRACTED, ELSEWHERE, ERASED_DRAFT] = [1, 2, 3, 4, 5, 6].map(
  (n) => `0190f5c2-0000-7000-8000-0000000001e${n}`,
) as [string, string, string, string, string, string];
const ENCOUNTERS: Projection<unknown>[] = [encounterDetailProjection, patientEncountersProjection] as Projection<unknown>[];
record(patient(PATIENT), patientDetailProjection);
record(patient(OTHER_PATIENT, true), patientDetailProjection);
record(stream(SIGNED, signedEncounter(SIGNED)), ...ENCOUNTERS);
record(stream(DRAFT, [opened(DRAFT, '2026-03-04T09:00:00.000Z')]), ...ENCOUNTERS);
record(stream(OLDER_DRAFT, [opened(OLDER_DRAFT, '2026-03-03T09:00:00.000Z')]), ...ENCOUNTERS);
record(
  stream(RETRACTED, [
    opened(RETRACTED, '2026-03-01T09:00:00.000Z'),
    ['EncounterEnteredInError', { reason: 'Duplicate', at: '2026-03-01T10:00:00.000Z' }],
  ]),
  ...ENCOUNTERS,
);
record(stream(ELSEWHERE, [opened(ELSEWHERE, '2026-03-01T09:00:00.000Z', OTHER_CLINICIAN)]), ...ENCOUNTERS);
const erasedDraft = stream(ERASED_DRAFT, [opened(ERASED_DRAFT, '2026-02-01T09:00:00.000Z', CLINICIAN, OTHER_PATIENT)], OTHER_PATIENT);
record(erasedDraft, ...ENCOUNTERS);

const routes = [...encounterQueryRoutes(deps, store), ...clinicalChartRoutes(deps, store, { now: () => new Date('2026-03-02T09:00:00Z') })];

const { call: callAs, reproduced: reproducedAs } = caller(routes);
const call = (path: string, params: Record<string, string>, role: Role, id = role === 'patient' ? PATIENT : CLINICIAN, query = {}) =>
  callAs(path, params, role, id, query);
const body = bodyOf;
const status = statusOf;
const reproduced = (route: Route, params: Record<string, string>, role: Role, answer: E.Either<DomainError, RouteResponse>) =>
  reproducedAs({ route, answer }, params, role);

const DETAIL = '/patients/:patientId/encounters/:encounterId';
const LIST = '/patients/:patientId/encounters';
const CHART = '/patients/:patientId/clinical-chart';

describe('Reading encounters', () => {
  afterEach(() => void stalled.splice(0));

  describe('one encounter', () => {
    it('is shown to a clinician whatever its status, and rebuilt from the log as shown', async () => {
      for (const encounterId of [SIGNED, DRAFT, RETRACTED]) {
        const params = { patientId: PATIENT, encounterId };
        const { route, answer } = await call(DETAIL, params, 'clinician');
        expect(body(answer)).to.include({ encounterId, position: 42 }).and.not.to.have.property('record');
        expect(await reproduced(route, params, 'clinician', answer)).to.deep.equal(body(answer));
      }
    });

    it('is shown to its patient once signed, and not while a draft or once entered in error', async () => {
      const as = async (encounterId: string) => status((await call(DETAIL, { patientId: PATIENT, encounterId }, 'patient')).answer);
      expect([await as(SIGNED), await as(DRAFT), await as(RETRACTED)]).to.deep.equal(['ok', 'not-found', 'not-found']);
    });

    it('is not found under another patient', async () => {
      const { answer } = await call(DETAIL, { patientId: '0190f5c2-0000-7000-8000-00000000000c', encounterId: SIGNED }, 'clinician');
      expect(status(answer)).to.equal('not-found');
    });

    it('is gone once its patient is erased, and unavailable while the read model is behind', async () => {
      expect(status((await call(DETAIL, { patientId: OTHER_PATIENT, encounterId: ERASED_DRAFT }, 'clinician')).answer)).to.equal('gone');
      stalled.push(encounterDetailProjection.name);
      expect(status((await call(DETAIL, { patientId: PATIENT, encounterId: SIGNED }, 'clinician')).answer)).to.equal('unavailable');
    });
  });

  describe("a patient's list", () => {
    it('shows a patient only their signed encounters, staff all, and is rebuilt from the log as shown', async () => {
      const params = { patientId: PATIENT };
      const ids = (answer: E.Either<DomainError, RouteResponse>) =>
        (body(answer)['items'] as { encounterId: string }[]).map((i) => i.encounterId);
      const mine = await call(LIST, params, 'patient');
      expect(ids(mine.answer)).to.deep.equal([SIGNED]);
      expect(E.isRight(mine.answer) && mine.answer.right.versions).to.have.keys([SIGNED]);
      const staff = await call(LIST, params, 'clinician');
      expect(ids(staff.answer)).to.deep.equal([DRAFT, OLDER_DRAFT, SIGNED, ELSEWHERE, RETRACTED]);
      expect(await reproduced(staff.route, params, 'clinician', staff.answer)).to.deep.equal(body(staff.answer));
      expect(await reproduced(mine.route, params, 'patient', mine.answer)).to.deep.equal(body(mine.answer));
    });
  });

  describe("a clinician's worklist", () => {
    it("holds the caller's unsigned encounters, oldest first, naming each patient for the audit", async () => {
      const { route, answer } = await call('/worklist', {}, 'clinician');
      const items = body(answer)['items'] as { encounterId: string; patientId: string }[];
      // Not another clinician's, nor a signed or retracted one, nor an erased patient's.
      expect(items.map((i) => i.encounterId)).to.deep.equal([OLDER_DRAFT, DRAFT]);
      expect(route.audit !== 'no-patient-data' && route.audit.patientsIn?.(body(answer))).to.deep.equal([PATIENT, PATIENT]);
      expect(await reproduced(route, {}, 'clinician', answer)).to.deep.equal(body(answer));
    });
  });

  describe("a patient's clinical chart", () => {
    it('waits for its read models, reports each position and is rebuilt from the log as shown', async () => {
      awaited.length = 0;
      const params = { patientId: PATIENT };
      const { route, answer } = await call(CHART, params, 'clinician', CLINICIAN, { minPosition: 40 });
      expect(awaited).to.have.members([patientDetailProjection.name, patientEncountersProjection.name, 'lab-orders']);
      expect(E.isRight(answer) && answer.right.positions).to.deep.equal({
        'patient-detail': 42,
        'patient-encounters': 42,
        'lab-orders': 42,
      });
      const chart = body(answer);
      expect((chart['allergies'] as { substance: string }[]).map((a) => a.substance)).to.deep.equal(['tetracycline']);
      expect((chart['activeMedications'] as { prescriptionId: string }[]).map((m) => m.prescriptionId)).to.deep.equal(['rx-2']);
      expect(await reproduced(route, params, 'clinician', answer)).to.deep.equal(chart);
    });

    it('is not found for an unknown patient, gone for an erased one, unavailable while either read model is behind', async () => {
      expect(status((await call(CHART, { patientId: '0190f5c2-0000-7000-8000-00000000000c' }, 'clinician')).answer)).to.equal('not-found');
      expect(status((await call(CHART, { patientId: OTHER_PATIENT }, 'clinician')).answer)).to.equal('gone');
      stalled.push(patientDetailProjection.name);
      expect(status((await call(CHART, { patientId: PATIENT }, 'clinician')).answer)).to.equal('unavailable');
    });
  });
});
