import { expect } from 'chai';
import { RecentDocuments, type DocumentChanges } from './recent-documents.js';

const NAME = 'patient-detail';

const stretch = (seq: number, to: number, docs: Record<string, number> = {}, more: Partial<DocumentChanges> = {}): DocumentChanges => ({
  name: NAME,
  collection: NAME,
  epoch: 'run-1',
  fromSeq: seq,
  toSeq: seq,
  to,
  docs: Object.entries(docs).map(([id, version]) => ({ id, version, doc: { id, version } })),
  forget: [],
  complete: true,
  ...more,
});

const version = (recent: RecentDocuments, id: string, position: number, collection = NAME) =>
  recent.latest(NAME, collection, id, position)?.version;

describe('RecentDocuments', () => {
  it('answers the latest document written in the unbroken run heard, once it reaches the position waited for', () => {
    const recent = new RecentDocuments();
    recent.take(stretch(1, 20, { a: 1 }));
    recent.take(stretch(2, 30, { a: 2, b: 1 }));
    expect(recent.latest(NAME, NAME, 'a', 30)).to.deep.equal({ version: 2, doc: { id: 'a', version: 2 } });
    expect(version(recent, 'b', 25)).to.equal(1);
    expect(version(recent, 'a', 31), 'not heard that far').to.equal(undefined);
    expect(version(recent, 'c', 30), 'not written since: the read store says').to.equal(undefined);
    expect(version(recent, 'a', 30, 'elsewhere'), 'another collection').to.equal(undefined);
  });

  it('forgets what it heard when a stretch is missing, even one that moved no position', () => {
    const recent = new RecentDocuments();
    recent.take(stretch(1, 20, { a: 1 }));
    // Stretch 2 (a replayed event wrote a again, at no new position) was lost.
    recent.take(stretch(3, 30, { b: 1 }));
    expect(version(recent, 'a', 30)).to.equal(undefined);
    expect(version(recent, 'b', 30)).to.equal(1);
  });

  it('starts afresh with another runner (a restart), or another collection (a rebuild)', () => {
    const recent = new RecentDocuments();
    recent.take(stretch(1, 20, { a: 1, b: 1 }));
    recent.take(stretch(1, 20, { b: 2 }, { epoch: 'run-2' }));
    expect(version(recent, 'a', 20)).to.equal(undefined);
    expect(version(recent, 'b', 20)).to.equal(2);
    recent.take(stretch(2, 25, { c: 1 }, { epoch: 'run-2', collection: 'rebuilt' }));
    expect(version(recent, 'b', 20)).to.equal(undefined);
    expect(version(recent, 'c', 25, 'rebuilt')).to.equal(1);
  });

  it('leaves to the read store what a runner wrote but cannot vouch for, and everything after a stretch left incomplete', () => {
    const recent = new RecentDocuments();
    recent.take(stretch(1, 20, { a: 1, b: 1 }));
    recent.take(stretch(2, 30, {}, { forget: ['a'] }));
    expect(version(recent, 'a', 30)).to.equal(undefined);
    expect(version(recent, 'b', 30)).to.equal(1);
    recent.take(stretch(3, 40, {}, { complete: false }));
    expect(version(recent, 'b', 40)).to.equal(undefined);
    recent.take(stretch(4, 50, { d: 1 }));
    expect(version(recent, 'd', 50), 'a run starts again after it').to.equal(1);
  });

  it('answers a removal as one', () => {
    const recent = new RecentDocuments();
    recent.take({ ...stretch(1, 21), docs: [{ id: 'a', version: 4, doc: null }] });
    expect(recent.latest(NAME, NAME, 'a', 21)).to.deep.equal({ version: 4, doc: null });
  });

  it('keeps the most recently written documents when it runs out of room, and leaves the rest to the read store', () => {
    const recent = new RecentDocuments(2);
    recent.take(stretch(1, 10, { a: 1, b: 1 }));
    recent.take(stretch(2, 20, { c: 1 }));
    expect(version(recent, 'a', 20)).to.equal(undefined);
    expect(version(recent, 'b', 20)).to.equal(1);
    expect(version(recent, 'c', 20)).to.equal(1);
  });
});
