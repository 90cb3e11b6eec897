import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { DocumentCollection, ReadStore } from '@hcms/shared-kernel';

interface Person {
  readonly name: string;
  readonly born: string;
  readonly ward: string;
  readonly age: number;
}

/** What every ReadStore adapter must do; `open` gives a store (collections are uniquely named per test). */
export const readStoreContract = (name: string, open: () => Promise<ReadStore>) =>
  describe(`ReadStore contract: ${name}`, function () {
    this.timeout(20_000);
    let store: ReadStore;
    let people: DocumentCollection<Person>;
    let collectionName: string;
    before(async () => (store = await open()));
    after(async () => store.close());
    beforeEach(async () => {
      collectionName = `people_${randomUUID().slice(0, 8)}`;
      people = await store.collection<Person>(collectionName, [{ fields: ['name'] }, { fields: ['ward', 'age'] }]);
    });

    const seed = async () => {
      const rows: [string, Person][] = [
        ['p1', { name: 'ada', born: '1990-01-01', ward: 'a', age: 35 }],
        ['p2', { name: 'adam', born: '1985-05-05', ward: 'b', age: 40 }],
        ['p3', { name: 'alan', born: '1990-01-01', ward: 'a', age: 52 }],
        ['p4', { name: 'bea', born: '2001-07-07', ward: 'a', age: 24 }],
        ['p5', { name: 'adele', born: '1970-03-03', ward: 'b', age: 55 }],
      ];
      for (const [id, doc] of rows) await people.put(id, doc, 1);
    };

    it('stores and gets a document with its version', async () => {
      await people.put('x', { name: 'x', born: '2000-01-01', ward: 'a', age: 1 }, 3);
      expect(await people.get('x')).to.deep.equal({ id: 'x', version: 3, doc: { name: 'x', born: '2000-01-01', ward: 'a', age: 1 } });
      expect(await people.get('missing')).to.equal(undefined);
    });

    it('ignores a write at the same or an older version (idempotent projections)', async () => {
      const doc = { name: 'v2', born: '2000-01-01', ward: 'a', age: 1 };
      expect(await people.put('x', doc, 2)).to.equal(true);
      expect(await people.put('x', { ...doc, name: 'again' }, 2)).to.equal(false);
      expect(await people.put('x', { ...doc, name: 'older' }, 1)).to.equal(false);
      expect((await people.get('x'))?.doc.name).to.equal('v2');
      expect(await people.put('x', { ...doc, name: 'v3' }, 3)).to.equal(true);
      expect((await people.get('x'))?.doc.name).to.equal('v3');
    });

    it('removes a document and keeps an older event from bringing it back', async () => {
      await people.put('x', { name: 'x', born: '2000-01-01', ward: 'a', age: 1 }, 1);
      expect(await people.remove('x', 2)).to.equal(true);
      expect(await people.get('x')).to.equal(undefined);
      expect(await people.put('x', { name: 'stale', born: '2000-01-01', ward: 'a', age: 1 }, 1)).to.equal(false);
      expect(await people.get('x')).to.equal(undefined);
      expect(await people.count()).to.equal(0);
    });

    it('writes many documents at once, each guarded by its version', async () => {
      await people.put('old', { name: 'kept', born: '2000-01-01', ward: 'a', age: 1 }, 5);
      await people.putMany([
        { id: 'n1', doc: { name: 'n1', born: '2000-01-01', ward: 'a', age: 1 }, version: 1 },
        { id: 'old', doc: { name: 'stale', born: '2000-01-01', ward: 'a', age: 1 }, version: 3 },
        { id: 'n2', doc: null, version: 2 },
      ]);
      expect((await people.get('n1'))?.doc.name).to.equal('n1');
      expect((await people.get('old'))?.doc.name).to.equal('kept');
      expect(await people.get('n2')).to.equal(undefined);
      expect(await people.put('n2', { name: 'stale', born: '2000-01-01', ward: 'a', age: 1 }, 1)).to.equal(false);
    });

    it('stays correct when a bulk write assumed new documents that were not', async () => {
      await people.put('there', { name: 'newer', born: '2000-01-01', ward: 'a', age: 1 }, 4);
      await people.putMany([
        { id: 'there', doc: { name: 'older', born: '2000-01-01', ward: 'a', age: 1 }, version: 2, stored: 0 },
        { id: 'fresh', doc: { name: 'fresh', born: '2000-01-01', ward: 'a', age: 1 }, version: 1, stored: 0 },
      ]);
      expect((await people.get('there'))?.doc.name).to.equal('newer');
      expect((await people.get('fresh'))?.doc.name).to.equal('fresh');
    });

    it('stays correct when the stored version a bulk write was told is wrong, either way', async () => {
      const doc = (name: string) => ({ name, born: '2000-01-01', ward: 'a', age: 1 });
      await people.put('there', doc('there v1'), 1);
      await people.put('newer', doc('newer v5'), 5);
      await people.putMany([
        { id: 'there', doc: doc('there v2'), version: 2, stored: 0 }, // believed absent, is stored
        { id: 'absent', doc: doc('absent v1'), version: 1, stored: 3 }, // believed stored, is absent
        { id: 'newer', doc: doc('newer v4'), version: 4, stored: 3 }, // believed older, is newer
      ]);
      expect((await people.get('there'))?.doc.name).to.equal('there v2');
      expect((await people.get('absent'))?.doc.name).to.equal('absent v1');
      expect((await people.get('newer'))?.doc.name).to.equal('newer v5');
    });

    it('loads a large batch of new documents, some of them stored already, exactly once each', async () => {
      const doc = (name: string) => ({ name, born: '2000-01-01', ward: 'a', age: 1 });
      await people.put('d7', doc('d7 v9'), 9);
      await people.put('d901', doc('d901 v1'), 1);
      const load = Array.from({ length: 1200 }, (_, i) => ({ id: `d${i}`, doc: doc(`d${i} v2`), version: 2, stored: 0 }));
      await people.putMany(load);
      expect(await people.count()).to.equal(1200);
      expect((await people.get('d7'))?.doc.name).to.equal('d7 v9');
      expect((await people.get('d901'))?.doc.name).to.equal('d901 v2');
      expect((await people.get('d1199'))?.doc.name).to.equal('d1199 v2');
    });

    it('adds indexes to a collection that holds documents already', async () => {
      const name = `loaded_${randomUUID().slice(0, 8)}`;
      const bare = await store.collection<Person>(name);
      await bare.put('p', { name: 'ada', born: '1990-01-01', ward: 'a', age: 35 }, 1);
      const indexed = await store.collection<Person>(name, [{ fields: ['name'] }]);
      expect((await indexed.find({ where: [{ field: 'name', op: 'eq', value: 'ada' }], limit: 10 })).items).to.have.length(1);
    });

    it('reads many documents at once, removals included, leaving out ids never stored', async () => {
      await people.put('a', { name: 'a', born: '2000-01-01', ward: 'a', age: 1 }, 2);
      await people.put('gone', { name: 'gone', born: '2000-01-01', ward: 'a', age: 1 }, 1);
      await people.remove('gone', 3);
      const found = await people.getMany(['a', 'gone', 'never']);
      expect(Object.fromEntries(found)).to.deep.equal({
        a: { version: 2, doc: { name: 'a', born: '2000-01-01', ward: 'a', age: 1 } },
        gone: { version: 3, doc: null },
      });
      expect((await people.getMany([])).size).to.equal(0);
    });

    it('finds by equality, range and prefix, combined', async () => {
      await seed();
      const ids = async (where: Parameters<typeof people.find>[0]['where']) =>
        (await people.find({ where, limit: 10 })).items.map((i) => i.id);
      expect(await ids([{ field: 'born', op: 'eq', value: '1990-01-01' }])).to.deep.equal(['p1', 'p3']);
      expect(
        await ids([
          { field: 'age', op: 'gte', value: 40 },
          { field: 'age', op: 'lt', value: 55 },
        ]),
      ).to.deep.equal(['p2', 'p3']);
      expect(await ids([{ field: 'name', op: 'prefix', value: 'ad' }])).to.deep.equal(['p1', 'p2', 'p5']);
      expect(
        await ids([
          { field: 'name', op: 'prefix', value: 'ad' },
          { field: 'ward', op: 'eq', value: 'b' },
        ]),
      ).to.deep.equal(['p2', 'p5']);
      expect(await people.count([{ field: 'ward', op: 'eq', value: 'a' }])).to.equal(3);
    });

    it('sorts by a field in either direction, ties broken by id', async () => {
      await seed();
      const asc = await people.find({ sort: { field: 'born', direction: 'asc' }, limit: 10 });
      expect(asc.items.map((i) => i.id)).to.deep.equal(['p5', 'p2', 'p1', 'p3', 'p4']);
      const desc = await people.find({ sort: { field: 'age', direction: 'desc' }, limit: 2 });
      expect(desc.items.map((i) => i.id)).to.deep.equal(['p5', 'p3']);
    });

    it('pages with a cursor through every document exactly once', async () => {
      await seed();
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await people.find({ sort: { field: 'born', direction: 'asc' }, limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).to.deep.equal(['p5', 'p2', 'p1', 'p3', 'p4']);
      expect(pages).to.equal(3);
    });

    it('drops a collection with its documents', async () => {
      await seed();
      await store.drop(collectionName);
      const again = await store.collection<Person>(collectionName);
      expect(await again.count()).to.equal(0);
    });
  });
