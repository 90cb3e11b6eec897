import { expect } from 'chai';
import { heardProgress, ProgressAnnouncer, type Progress } from './progress-announcements.js';
import { heardChanges, type DocumentChanges } from './recent-documents.js';

const progress = (name: string, position: number): Progress => ({ name, position, handled: position, parked: [] });
const turns = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ProgressAnnouncer', () => {
  const announced: unknown[] = [];
  const bus = { announce: async (_subject: string, body: unknown) => void announced.push(body) };
  beforeEach(() => (announced.length = 0));

  it('announces a move after a quiet spell without waiting out its interval, with the moves of the same turn', async () => {
    const announcer = new ProgressAnnouncer(bus, 60_000);
    announcer.moved(progress('a', 1));
    announcer.moved(progress('b', 2));
    announcer.moved(progress('a', 3));
    await turns(20);
    expect(announced.flatMap(heardProgress)).to.deep.equal([progress('a', 3), progress('b', 2)]);
  });

  it('holds the moves within the interval of its last message until the interval ends', async () => {
    const announcer = new ProgressAnnouncer(bus, 300);
    announcer.moved(progress('a', 1));
    await turns(20);
    announcer.moved(progress('a', 2));
    announcer.moved(progress('a', 3));
    await turns(20);
    expect(announced).to.have.length(1);
    await turns(400);
    expect(announced.flatMap(heardProgress)).to.deep.equal([progress('a', 1), progress('a', 3)]);
  });

  it('tells the documents a read model wrote in stretches that follow one another as one, and leaves them out past its limit', async () => {
    const bodies: { subject: string; body: unknown }[] = [];
    const bus = { announce: async (subject: string, body: unknown) => void bodies.push({ subject, body }) };
    const wrote = (seq: number, to: number, ids: string[], forget: string[] = []): DocumentChanges => ({
      name: 'patient-detail',
      collection: 'patient-detail',
      epoch: 'run-1',
      fromSeq: seq,
      toSeq: seq,
      to,
      docs: ids.map((id) => ({ id, version: seq, doc: { id } })),
      forget,
      complete: true,
    });
    const heard = async (announcer: ProgressAnnouncer, to: number) => {
      bodies.length = 0;
      announcer.moved(progress('patient-detail', to));
      await turns(20);
      return bodies.filter((b) => b.subject === 'read-model-changes').flatMap((b) => heardChanges(b.body));
    };

    const joining = new ProgressAnnouncer(bus, 60_000, 3);
    joining.wrote(wrote(1, 10, ['a', 'b']));
    joining.wrote(wrote(2, 20, ['c'], ['a']));
    const [joined] = await heard(joining, 20);
    expect(joined).to.deep.include({ fromSeq: 1, toSeq: 2, to: 20, forget: ['a'], complete: true });
    expect(joined?.docs.map((d) => d.id)).to.deep.equal(['b', 'c']);

    const overflowing = new ProgressAnnouncer(bus, 60_000, 3);
    overflowing.wrote(wrote(1, 10, ['a', 'b', 'c', 'd']));
    const [overflowed] = await heard(overflowing, 10);
    expect(overflowed).to.deep.include({ fromSeq: 1, toSeq: 1, docs: [], forget: [], complete: false });

    // The stretch after one left incomplete is never joined to it: hearers must not continue their run.
    const replacing = new ProgressAnnouncer(bus, 60_000, 3);
    replacing.wrote(wrote(2, 20, ['a', 'b', 'c', 'd']));
    replacing.wrote(wrote(3, 30, ['e']));
    const [after] = await heard(replacing, 30);
    expect(after).to.deep.include({ fromSeq: 3, toSeq: 3, complete: true });
  });
});
