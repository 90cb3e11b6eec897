import { expect } from 'chai';
import type { StoredEvent } from '@hcms/shared-kernel';
import { envelopeBytes, envelopeLeaf } from './envelope-leaf.js';

const event: StoredEvent = {
  id: '0190f5c2-0000-7000-8000-000000000001',
  type: 'patients.AllergyRecorded',
  streamId: 'patient-0190f5c2-0000-7000-8000-00000000000a',
  version: 2,
  position: 17,
  recordedAt: '2026-11-27T10:00:00.000Z',
  data: { substance: 'penicillin', severity: 'severe', reaction: 'hives' },
  metadata: { actor: { id: 'dr-1', role: 'clinician' }, correlationId: 'c', causationId: 'r', schemaVersion: 1 },
};

describe('The leaf of an event', () => {
  it('is the canonical JSON of the whole envelope: keys sorted at every depth, no spaces', () => {
    expect(envelopeBytes(event).toString()).to.equal(
      '{"data":{"reaction":"hives","severity":"severe","substance":"penicillin"},"id":"0190f5c2-0000-7000-8000-000000000001",' +
        '"metadata":{"actor":{"id":"dr-1","role":"clinician"},"causationId":"r","correlationId":"c","schemaVersion":1},' +
        '"position":17,"recordedAt":"2026-11-27T10:00:00.000Z","streamId":"patient-0190f5c2-0000-7000-8000-00000000000a","type":"patients.AllergyRecorded","version":2}',
    );
  });

  it('is the same whatever order the fields came in, and differs when anything in the envelope does', () => {
    const { data, metadata, ...rest } = event;
    // The same envelope, its fields and its data's fields in another order.
    const reordered: StoredEvent = { metadata, data: { severity: 'severe', reaction: 'hives', substance: 'penicillin' }, ...rest };
    expect(Object.keys(reordered)[0]).to.equal('metadata');
    expect(data).to.deep.equal(reordered.data);
    expect(envelopeLeaf(reordered).equals(envelopeLeaf(event))).to.equal(true);
    for (const changed of [
      { ...event, position: 18 },
      { ...event, version: 3 },
      { ...event, recordedAt: '2026-11-27T10:00:00.001Z' },
      { ...event, metadata: { ...event.metadata, actor: { id: 'dr-2', role: 'clinician' as const } } },
      { ...event, data: { ...(event.data as object), severity: 'mild' } },
    ]) {
      expect(envelopeLeaf(changed).equals(envelopeLeaf(event)), JSON.stringify(changed)).to.equal(false);
    }
  });
});
