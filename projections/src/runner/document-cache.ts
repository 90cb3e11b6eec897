/**
 * What a projection knows of one document: its content as of `version` (the last event taken into
 * account) and the version its stored copy has (0: nothing stored, not even a removal). The two
 * differ when later events changed nothing worth writing.
 */
export interface KnownDocument<Doc> {
  readonly doc: Doc | null;
  readonly version: number;
  readonly stored: number;
}

/**
 * The most recently used documents of one collection. Safe only because a projection is the single
 * writer of its collection: what it wrote last is what is stored.
 */
export class DocumentCache<Doc> {
  private readonly entries = new Map<string, KnownDocument<Doc>>();

  constructor(private readonly limit: number) {}

  get(id: string): KnownDocument<Doc> | undefined {
    const known = this.entries.get(id);
    if (known) this.set(id, known); // most recently used last
    return known;
  }

  set(id: string, known: KnownDocument<Doc>): void {
    this.entries.delete(id);
    this.entries.set(id, known);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
