import { nodeHash, rootOf } from './merkle.js';

/**
 * The tree head of an append-only log, kept as the roots of its perfect subtrees (one per set bit
 * of the size, largest first): appending a leaf and reading the root cost O(log n) hashes and
 * memory, however long the log. Its root is RFC 6962's MTH of all leaves appended.
 */
export class CompactRange {
  private readonly peaks: { readonly hash: Buffer; readonly leaves: number }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Buffer): void {
    let peak = { hash: leaf, leaves: 1 };
    for (let last = this.peaks.at(-1); last && last.leaves === peak.leaves; last = this.peaks.at(-1)) {
      this.peaks.pop();
      peak = { hash: nodeHash(last.hash, peak.hash), leaves: last.leaves * 2 };
    }
    this.peaks.push(peak);
    this.count += 1;
  }

  root(): Buffer {
    if (this.peaks.length === 0) return rootOf([]);
    return this.peaks.reduceRight<Buffer | undefined>(
      (right, peak) => (right ? nodeHash(peak.hash, right) : peak.hash),
      undefined,
    ) as Buffer;
  }
}
