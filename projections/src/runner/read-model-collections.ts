import type { DocumentCollection, ReadStore } from '@hcms/shared-kernel';
import type { Projection } from './projection.js';

const ALIASES = 'projection_aliases';

interface Alias {
  readonly collection: string;
  readonly since: string;
}

/**
 * Where each read model's documents are: its own name until a rebuild swaps in a fresh
 * collection. Readers cache the answer for `ttlMs`, so a swap reaches every process within it.
 */
export class ReadModelCollections {
  private readonly cache = new Map<string, { readonly collection: string; readonly until: number }>();

  constructor(
    private readonly readStore: ReadStore,
    readonly ttlMs = 1000,
  ) {}

  async physicalName(name: string): Promise<string> {
    const cached = this.cache.get(name);
    if (cached && cached.until > Date.now()) return cached.collection;
    const aliases = await this.readStore.collection<Alias>(ALIASES);
    const collection = (await aliases.get(name))?.doc.collection ?? name;
    this.cache.set(name, { collection, until: Date.now() + this.ttlMs });
    return collection;
  }

  /** Where the read model's writer says it writes: fresher than any cache, so it replaces it. */
  remember(name: string, collection: string): void {
    this.cache.set(name, { collection, until: Date.now() + this.ttlMs });
  }

  async of<Doc>(projection: Pick<Projection<Doc>, 'name' | 'indexes'>): Promise<DocumentCollection<Doc>> {
    return this.readStore.collection<Doc>(await this.physicalName(projection.name), projection.indexes);
  }

  /**
   * Point the read model at another collection. `generation` orders swaps (a clock reading); one
   * that would not be newer than the alias's (two swaps in one millisecond) is taken as one after it.
   */
  async swap(name: string, collection: string, generation: number): Promise<void> {
    const aliases = await this.readStore.collection<Alias>(ALIASES);
    const current = (await aliases.get(name))?.version ?? 0;
    const version = Math.max(generation, current + 1);
    if (!(await aliases.put(name, { collection, since: new Date().toISOString() }, version))) {
      throw new Error(`read model ${name} was pointed elsewhere at the same time; not moved to ${collection}`);
    }
    this.cache.delete(name);
  }
}
