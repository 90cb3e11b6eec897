import type { KeyObject } from 'node:crypto';
import { leafHash, MerkleTree, signCheckpoint, type Clock } from '@hcms/shared-kernel';
import type { SealEntry, SealSource } from './seal-sources.js';
import type { SealedLeaf, SealedLog, SqliteSealStore, StoredCheckpoint } from './sqlite-seal-store.js';

export interface LogSealerOptions {
  /** Names the log in its checkpoints, e.g. `hcms.example.org/events`; also the signer's name. */
  readonly origin: string;
  /** How often a grown tree gets a new signed checkpoint: the most a checkpoint trails the sealed head. */
  readonly signEveryMs: number;
}

export interface SealerStatus {
  readonly log: SealedLog;
  /** Entries sealed (leaves), and the position of the last one. */
  readonly size: number;
  readonly position: number;
  /** The size and time of the newest signed checkpoint. */
  readonly signedSize: number;
  readonly signedAt?: string;
  readonly failure?: string;
}

/**
 * Seals one log: follows it from the last entry sealed, hashes each entry into the RFC 6962 tree
 * (its leaf stored before the tree grows, so a crash loses nothing it cannot hash again), and
 * signs a checkpoint of the grown tree every `signEveryMs`. The tree is rebuilt from the stored
 * leaves at start; inclusion and consistency proofs are answered from it.
 */
export class LogSealer {
  private readonly tree = new MerkleTree();
  private position = 0;
  private identity: string | undefined;
  private signed: StoredCheckpoint | undefined;
  private following?: { stop(): Promise<void> };
  private timer?: NodeJS.Timeout;
  private failure: string | undefined;
  /** Why the last signing failed; cleared by the next that succeeds. */
  private signing: string | undefined;

  constructor(
    readonly log: SealedLog,
    private readonly source: SealSource,
    private readonly seal: SqliteSealStore,
    private readonly key: KeyObject,
    private readonly clock: Clock,
    private readonly options: LogSealerOptions,
  ) {}

  async start(): Promise<void> {
    for (const leaf of this.seal.leaves(this.log)) {
      this.tree.append(leaf.hash);
      this.position = leaf.position;
    }
    this.identity = this.seal.identity(this.log);
    this.signed = this.seal.latestCheckpoint(this.log);
    const [identity, head] = await Promise.all([this.source.identity(), this.source.head()]);
    // Sealing a log put in the place of the one sealed would mix two histories in one tree: the
    // sealer stops there and says why (on /health), and the platform serves on.
    if (this.identity !== undefined && identity !== this.identity) {
      this.failure = `the ${this.log} log is not the one sealed (sealed ${this.identity}, found ${identity ?? 'an empty log'})`;
      return;
    }
    if (head < this.position) {
      this.failure = `the ${this.log} log ends at ${head}, before the ${this.position} already sealed: entries were lost or removed`;
      return;
    }
    this.following = this.source.follow(
      this.position,
      (entries) => this.add(entries),
      (error) => (this.failure = error instanceof Error ? error.message : String(error)),
    );
    this.timer = setInterval(() => this.signSafely(), this.options.signEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.following?.stop();
    if (!this.failure) this.signSafely();
  }

  get status(): SealerStatus {
    return {
      log: this.log,
      size: this.tree.size,
      position: this.position,
      signedSize: this.signed?.size ?? 0,
      ...(this.signed ? { signedAt: this.signed.signedAt } : {}),
      ...(this.failure || this.signing ? { failure: this.failure ?? this.signing } : {}),
    };
  }

  /** The newest signed checkpoint, or the newest covering at most `size` entries. */
  checkpoint(size?: number): StoredCheckpoint | undefined {
    return this.seal.latestCheckpoint(this.log, size);
  }

  /** The entry at `position` proved in the tree of `size` entries, or undefined if it is not sealed there. */
  inclusion(position: number, size: number): { readonly index: number; readonly leaf: Buffer; readonly proof: Buffer[] } | undefined {
    const leaf = this.seal.leafAt(this.log, position);
    if (!leaf || leaf.index >= size || size > this.tree.size) return undefined;
    return { index: leaf.index, leaf: leaf.hash, proof: this.tree.inclusionProof(leaf.index, size) };
  }

  /** The tree of `first` entries proved a prefix of the tree of `second`. */
  consistency(first: number, second: number): Buffer[] {
    return this.tree.consistencyProof(first, second);
  }

  private async add(entries: readonly SealEntry[]): Promise<void> {
    if (entries.length === 0) return;
    this.identity ??= await this.source.identity();
    if (this.identity === undefined) throw new Error(`the ${this.log} log has entries but no identity`);
    const leaves: SealedLeaf[] = entries.map((entry, i) => ({
      index: this.tree.size + i,
      position: entry.position,
      hash: leafHash(entry.bytes),
    }));
    this.seal.append(this.log, this.identity, leaves);
    for (const leaf of leaves) this.tree.append(leaf.hash);
    this.position = entries.at(-1)?.position ?? this.position;
  }

  private signSafely(): void {
    try {
      this.sign();
      this.signing = undefined;
    } catch (error) {
      this.signing = `signing: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Signs the tree as it stands if it grew since the last checkpoint. */
  private sign(): void {
    const size = this.tree.size;
    if (size === 0 || size === this.signed?.size) return;
    const signedAt = this.clock.now().toISOString();
    const note = signCheckpoint(
      { origin: this.options.origin, size, root: this.tree.root(size), extensions: [`time ${signedAt}`] },
      this.options.origin,
      this.key,
    );
    const checkpoint = { size, signedAt, note };
    this.seal.saveCheckpoint(this.log, checkpoint);
    this.signed = checkpoint;
  }
}
