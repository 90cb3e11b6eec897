import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import {
  unavailable,
  wireType,
  type DocumentCollection,
  type DomainError,
  type EventStore,
  type ReadStore,
  type Role,
  type Route,
  type RouteResponse,
  type StoredEvent,
  type StoredState,
} from '@hcms/shared-kernel';
import { patientEvents, patientStream } from '@hcms/patients/contract';
import { patientDetailProjection } from '../patient-detail/patient-detail.projection.js';
import type { ReadModelDeps } from '../read-model-deps.js';
import type { Projection } from '../runner/projection.js';
import { ReadModelCollections } from '../runner/read-model-collections.js';
import type { ReadModelProgress } from '../runner/read-model-progress.js';
import { clinicalChartRoutes } from './clinical-chart.routes.js';
import { encounterDetailProjection } from './encounter-detail.projection.js';
import { encounterQueryRoutes } from './encounter.routes.js';
import { CLINICIAN, OTHER_CLINICIAN, OTHER_PATIENT, opened, PATIENT, signedEncounter, stream } from './encounter.fixtures.js';
import { patientEncountersProjection } from './patient-encounters.projection.js';

/** Documents in memory: enough of a read store for `eq` filters and whole-collection reads. */
class MemoryCollection<T> implements DocumentCollection<T> {
  readonly docs = new Map<string, StoredState<T>>();
  async get(id: string) {
    const s = this.docs.get(id);
    return s?.doc ? { id, version: s.version, doc: s.doc } : undefined;
  }
  async getMany(ids: readonly string[]) {
    return new Map(ids.flatMap((id) => (this.docs.has(id) ? [[id, this.docs.get(id) as StoredState<T>] as const] : [])));
  }
  async put(id: string, doc: T, version: number) {
    this.docs.set(id, { doc, version });
    return true;
  }
  async remove(id: string, version: number) {
    this.docs.set(id, { doc: null, version });
    return true;
  }
  async putMany() {}
  async count() {
    return this.docs.size;
  }
  async find(query: Parameters<DocumentCollection<T>['find']>[0]) {
    const items = [...this.docs].flatMap(([id, { doc, version }]) =>
      doc && (query.where ?? []).every((f) => (doc as Record<string, unknown>)[f.field] === f.value) ? [{ id, version, doc }] : [],
    );
    return { items: items.slice(0, query.limit) };
  }
}

const log: StoredEvent[] = [];
const collections = new Map<string, MemoryCollection<unknown>>();
const readStore = {
  collection: async (name: string) => collections.get(name) ?? collections.set(name, new MemoryCollection()).get(name),
} as unknown as ReadStore;

/** Folds `events` into each read model fed by them, and keeps them in the log. */
const record = (events: StoredEvent[], ...projections: Projection<unknown>[]) => {
  log.push(...events);
  for (const p of projections) {
    const docs = (collections.get(p.name) ?? collections.set(p.name, new MemoryCollection()).get(p.name)) as MemoryCollection<unknown>;
    for (const e of events) {
      const id = p.documentOf(e);
      if (id !== undefined) docs.docs.set(id, { doc: p.evolve(docs.docs.get(id)?.doc ?? null, e), version: e.version });
    }
  }
};

const patient = (patientId: string, erased = false) => {
  const events: [string, object][] = [
    [
      'PatientRegistered',
      {
        patientId,
        mrn: 'MRN-1',
        demographics: { givenName: 'Ada', familyName: 'Lovelace', dateOfBirth: '1990-12-10', sex: 'female' },
        registeredAt: '2025-01-01T00:00:00Z',
      },
    ],
    [
      'AllergyRecorded',
      { allergyId: 'a-1', substance: 'tetracycline', reaction: 'rash', severity: 'mild', recordedAt: '2025-01-02T00:00:00Z' },
    ],
    ...(erased ? [['PatientErased', { erasedAt: '2026-01-01T00:00:00Z', reason: 'patient-request' }] as [string, object]] : []),
  ];
  return events.map(([type, data], i): StoredEvent => ({ ...base(patientId, i + 1), type: wireType(patientEvents, type), data }));
};
const base = (patientId: string, version: number) => ({
  id: `${patientId}-${version}`,
  streamId: patientStream(patientId),
  version,
  position: 1,
  recordedAt: '2026-01-01T00:00:00Z',
  metadata: { actor: { id: 'desk', role: 'receptionist' as const }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId },
});

const [SIGNED, DRAFT, OLDER_DRAFT, RETRACTED, ELSEWHERE, ERASED_DRAFT] = [1, 2, 3, 4, 5, 6].map(
  (n) => `0190f5c2-0000-7000-8000-0000000001e${n}`,
) as [string, string, string, string, string, string];
const ENCOUNTERS: Projection<unknown>[] = [encounterDetailProjection, patientEncountersProjection] as Projection<unknown>[];
record(patient(PATIENT), patientDetailProjection as Projection<unknown>);
record(patient(OTHER_PATIENT, true), patientDetailProjection as Projection<unknown>);
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

/** The read models have applied position 42, or answer 503 for the ones named. */
const awaited: string[] = [];
let stalled: string[] = [];
const progress = {
  knownApplied: () => true,
  await: async (name: string) => {
    awaited.push(name);
    return stalled.includes(name) ? E.left(unavailable('READ_MODEL_BEHIND', 'not yet')) : E.right(42);
  },
} as unknown as ReadModelProgress;
const deps = {
  readStore,
  collections: new ReadModelCollections(readStore),
  progress,
  records: {},
  readYourWritesTimeoutMs: 10,
  head: async () => 1000,
} as unknown as ReadModelDeps;
const store: Pick<EventStore, 'readStream'> = {
  readStream: async (streamId, options = {}) => {
    const events = log.filter((e) => e.streamId === streamId && e.version >= (options.fromVersion ?? 1));
    return events.slice(0, options.maxCount ?? events.length);
  },
};
const routes = [...encounterQueryRoutes(deps, store), ...clinicalChartRoutes(deps, store, { now: () => new Date('2026-03-02T09:00:00Z') })];

const call = async (
  path: string,
  params: Record<string, string>,
  role: Role,
  id = role === 'patient' ? PATIENT : CLINICIAN,
  query = {},
) => {
  const route = routes.find((r) => r.path === path) as Route;
  const answer = await route.handle({
    params,
    query,
    body: undefined,
    principal: { id, role },
    requestId: 'r',
    correlationId: 'c',
    accept: '',
    address: '',
  });
  return { route, answer };
};
const body = (answer: E.Either<DomainError, RouteResponse>) => (E.isRight(answer) ? (answer.right.body as Record<string, unknown>) : {});
const status = (answer: E.Either<DomainError, RouteResponse>) => (E.isLeft(answer) ? answer.left.kind : 'ok');
const reproduced = async (route: Route, params: Record<string, string>, role: Role, answer: E.Either<DomainError, RouteResponse>) => {
  if (route.audit === 'no-patient-data' || !route.audit.reproduce || E.isLeft(answer)) throw new Error('nothing to reproduce');
  const { positions = {}, versions = {} } = answer.right;
  return route.audit.reproduce({ params, query: {}, role, positions, versions, at: '2026-03-02T09:00:00.000Z' });
};

const DETAIL = '/patients/:patientId/encounters/:encounterId';
const LIST = '/patients/:patientId/encounters';
const CHART = '/patients/:patientId/clinical-chart';

describe('Reading encounters', () => {
  afterEach(() => (stalled = []));

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
      stalled = [encounterDetailProjection.name];
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
      stalled = [patientDetailProjection.name];
      expect(status((await call(CHART, { patientId: PATIENT }, 'clinician')).answer)).to.equal('unavailable');
    });
  });
});
