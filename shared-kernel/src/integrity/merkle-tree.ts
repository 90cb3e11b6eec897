import { createHash } from 'node:crypto';
import { nodeHash } from './merkle.js';

const HASH = 32;
const CHUNK = 4096;

/** A growing list of 32-byte hashes in large flat buffers: a million leaves cost 32 MB, not a million objects. */
class HashRow {
  private readonly chunks: Buffer[] = [];
  length = 0;

  push(hash: Uint8Array): void {
    const offset = (this.length % CHUNK) * HASH;
    if (offset === 0) this.chunks.push(Buffer.alloc(CHUNK * HASH));
    (this.chunks.at(-1) as Buffer).set(hash, offset);
    this.length += 1;
  }

  get(i: number): Buffer {
    const offset = (i % CHUNK) * HASH;
    return (this.chunks[Math.floor(i / CHUNK)] as Buffer).subarray(offset, offset + HASH);
  }
}

/** The largest power of two smaller than n (n ≥ 2). */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/**
 * An RFC 6962 tree that keeps the hash of every perfect subtree as it completes, so the root,
 * inclusion and consistency proofs of any size it has reached cost O(log² n) hashes, not a pass
 * over every leaf. What `merkle.ts` computes from a list of leaves, this computes from its levels.
 */
export class MerkleTree {
  /** levels[h][i]: the root of leaves [i·2^h, (i+1)·2^h). */
  private readonly levels: HashRow[] = [new HashRow()];

  get size(): number {
    return (this.levels[0] as HashRow).length;
  }

  append(leaf: Uint8Array): void {
    let hash = leaf;
    for (let height = 0; ; height++) {
      const row = (this.levels[height] ??= new HashRow());
      row.push(hash);
      if (row.length % 2 === 1) return;
      hash = nodeHash(row.get(row.length - 2), hash);
    }
  }

  /** The leaf hash at `index`. */
  leaf(index: number): Buffer {
    this.within(index + 1);
    return (this.levels[0] as HashRow).get(index);
  }

  /** MTH of the first `size` leaves (default: all). */
  root(size = this.size): Buffer {
    this.within(size);
    return size === 0 ? createHash('sha256').digest() : this.range(0, size);
  }

  /** PATH(index, D[size]). */
  inclusionProof(index: number, size = this.size): Buffer[] {
    this.within(size);
    if (index < 0 || index >= size) throw new RangeError(`no leaf ${index} in a tree of ${size}`);
    return this.path(index, 0, size);
  }

  /** PROOF(first, D[second]): the tree of `first` leaves is a prefix of the tree of `second`. */
  consistencyProof(first: number, second = this.size): Buffer[] {
    this.within(second);
    if (first < 1 || first > second) throw new RangeError(`no prefix of ${first} in a tree of ${second}`);
    return this.subproof(first, 0, second, true);
  }

  private within(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.size) throw new RangeError(`the tree has ${this.size} leaves, not ${size}`);
  }

  /** MTH(D[start:end]): a stored level when the range is a perfect subtree, else split as RFC 6962 does. */
  private range(start: number, end: number): Buffer {
    const n = end - start;
    if ((n & (n - 1)) === 0 && start % n === 0) return (this.levels[Math.log2(n)] as HashRow).get(start / n);
    const k = split(n);
    return nodeHash(this.range(start, start + k), this.range(start + k, end));
  }

  private path(m: number, start: number, end: number): Buffer[] {
    const n = end - start;
    if (n === 1) return [];
    const k = split(n);
    return m < k
      ? [...this.path(m, start, start + k), this.range(start + k, end)]
      : [...this.path(m - k, start + k, end), this.range(start, start + k)];
  }

  private subproof(m: number, start: number, end: number, whole: boolean): Buffer[] {
    const n = end - start;
    if (m === n) return whole ? [] : [this.range(start, end)];
    const k = split(n);
    return m <= k
      ? [...this.subproof(m, start, start + k, whole), this.range(start + k, end)]
      : [...this.subproof(m - k, start + k, end, false), this.range(start, start + k)];
  }
}
