import { expect } from 'chai';
import { heardProgress, ProgressAnnouncer, type Progress } from './progress-announcements.js';

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
});
