import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { MerkleTree } from './merkle-tree.js';
import { consistencyProof, inclusionProof, leafHash, rootOf } from './merkle.js';

const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(String(i)).digest()));
const hex = (proof: readonly Buffer[]) => proof.map((p) => p.toString('hex'));

describe('A Merkle tree that keeps its levels', () => {
  const all = leaves(300);
  const tree = new MerkleTree();
  all.forEach((leaf) => tree.append(leaf));

  it('has, at every size it reached, the root of the leaves up to there', () => {
    expect(tree.root(0).equals(rootOf([]))).to.equal(true);
    for (let size = 1; size <= all.length; size++) {
      expect(tree.root(size).toString('hex'), `size ${size}`).to.equal(rootOf(all.slice(0, size)).toString('hex'));
    }
  });

  it('gives the inclusion proofs computed from the leaves, for earlier sizes too', () => {
    for (const size of [1, 2, 3, 7, 8, 9, 64, 100, 255, 256, 257, 300]) {
      for (let index = 0; index < size; index += size > 64 ? 7 : 1) {
        expect(hex(tree.inclusionProof(index, size)), `${index} of ${size}`).to.deep.equal(hex(inclusionProof(all.slice(0, size), index)));
      }
    }
  });

  it('gives the consistency proofs computed from the leaves', () => {
    for (const second of [1, 2, 5, 16, 17, 100, 256, 300]) {
      for (let first = 1; first <= second; first += second > 20 ? 11 : 1) {
        expect(hex(tree.consistencyProof(first, second)), `${first} → ${second}`).to.deep.equal(
          hex(consistencyProof(all.slice(0, second), first)),
        );
      }
    }
  });

  it('refuses sizes and leaves it does not have', () => {
    expect(() => tree.root(301)).to.throw(RangeError);
    expect(() => tree.inclusionProof(300)).to.throw(RangeError);
    expect(() => tree.consistencyProof(0)).to.throw(RangeError);
    expect(tree.leaf(299).equals(all[299] as Buffer)).to.equal(true);
  });
});
