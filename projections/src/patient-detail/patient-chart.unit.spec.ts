import { expect } from 'chai';
import { patientEvents, patientStream } from '@hcms/patients/contract';
import { wireType, type EventStore, type StoredEvent } from '@hcms/shared-kernel';
import { ChartSnapshots } from './chart-snapshots.js';
import { chartFromLog } from './patient-chart.js';

const PATIENT = '0190f5c2-0000-7000-8000-00000000000a';
const T0 = Date.UTC(2026, 0, 1);
const demographics = (i: number) => ({ givenName: 'Ada', familyName: `Name${i}`, dateOfBirth: '1990-12-10', sex: 'female' });

/** A long record: registered, then renamed again and again, with an allergy now and then; one event a second. */
const record: StoredEvent[] = Array.from({ length: 1200 }, (_, i) => {
  const [type, data] =
    i === 0
      ? ['PatientRegistered', { patientId: PATIENT, mrn: 'MRN-1', demographics: demographics(0), registeredAt: new Date(T0).toISOString() }]
      : i % 7 === 0
        ? [
            'AllergyRecorded',
            { allergyId: `a-${i}`, substance: `s${i}`, reaction: 'rash', severity: 'mild', recordedAt: new Date(T0).toISOString() },
          ]
        : ['DemographicsUpdated', { demographics: demographics(i) }];
  return {
    id: `e-${i}`,
    type: wireType(patientEvents, type),
    streamId: patientStream(PATIENT),
    version: i + 1,
    // Other streams' events sit between this patient's.
    position: 3 * i + 2,
    recordedAt: new Date(T0 + i * 1000).toISOString(),
    data,
    metadata: { actor: { id: 'desk-1', role: 'receptionist' }, correlationId: 'c', causationId: 'c', schemaVersion: 1, patientId: PATIENT },
  };
});

/** The log's read of one stream, counting what it hands out. */
const log = () => {
  const counted = { events: 0 };
  const store: Pick<EventStore, 'readStream'> = {
    readStream: async (_stream, options = {}) => {
      const from = options.fromVersion ?? 1;
      const page = record.slice(from - 1, from - 1 + (options.maxCount ?? record.length));
      counted.events += page.length;
      return page;
    },
  };
  return { store, counted };
};

const cuts = [1, 2, 249, 250, 251, 600, 777, 1000, 1199, 1200].flatMap((v) => [
  { version: v },
  { position: 3 * (v - 1) + 2 },
  { position: 3 * (v - 1) + 3 },
  { recordedBy: new Date(T0 + (v - 1) * 1000 + 500).toISOString() },
]);

describe('The chart as of a cut of the log', () => {
  it('folds exactly the events inside the cut', async () => {
    const { store } = log();
    const chart = await chartFromLog(store, PATIENT, { recordedBy: new Date(T0 + 10_500).toISOString() });
    expect([chart?.version, chart?.position, chart?.doc.demographics.familyName]).to.deep.equal([11, 32, 'Name10']);
    expect((await chartFromLog(store, PATIENT, { position: 1 }))?.version).to.equal(undefined);
  });

  it('is the same with snapshots as without, whatever was read before, and reads only the stretch after the nearest one', async () => {
    const plain = log();
    const expected = await Promise.all(cuts.map((cut) => chartFromLog(plain.store, PATIENT, cut)));
    const snapshots = new ChartSnapshots();
    const cached = log();
    // Latest first, then earlier ones, then all again: snapshots from every order are used.
    for (const order of [[...cuts].reverse(), cuts]) {
      for (const cut of order) {
        const chart = await chartFromLog(cached.store, PATIENT, cut, snapshots);
        expect(chart, JSON.stringify(cut)).to.deep.equal(expected[cuts.indexOf(cut)]);
      }
    }
    const before = cached.counted.events;
    await chartFromLog(cached.store, PATIENT, { version: 1199 }, snapshots);
    expect(cached.counted.events - before).to.be.at.most(250);
  });

  it('stops before an event the projection cannot read, as the read model parks it', async () => {
    const corrupt = record.map((e) => (e.version === 5 ? { ...e, data: { demographics: { givenName: '' } } } : e));
    const store: Pick<EventStore, 'readStream'> = {
      readStream: async (_s, options = {}) =>
        corrupt.slice((options.fromVersion ?? 1) - 1, (options.fromVersion ?? 1) - 1 + (options.maxCount ?? corrupt.length)),
    };
    expect((await chartFromLog(store, PATIENT, { version: 10 }))?.version).to.equal(4);
  });

  it('forgets the least recently read patient beyond its bound', async () => {
    const snapshots = new ChartSnapshots(1);
    const { store } = log();
    await chartFromLog(store, PATIENT, { version: 600 }, snapshots);
    expect(snapshots.latestWithin(PATIENT, { version: 600 })?.version).to.equal(500);
    const first = await chartFromLog(store, PATIENT, { version: 1 });
    if (!first) throw new Error('no chart at version 1');
    snapshots.keep('someone-else', { ...first, version: 250, recordedUpTo: T0 });
    expect(snapshots.latestWithin(PATIENT, { version: 600 })).to.equal(undefined);
  });
});
