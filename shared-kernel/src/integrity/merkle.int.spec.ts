import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { CompactRange } from './compact-range.js';
import { consistencyProof, inclusionProof, leafHash, nodeHash, rootOf, verifyConsistency, verifyInclusion } from './merkle.js';

/** A seeded generator (mulberry32): the same trees on every run. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const next = random(6962);
const int = (below: number) => Math.floor(next() * below);
const bytes = (length: number) => Buffer.from(Array.from({ length }, () => int(256)));
const tree = (size: number) => Array.from({ length: size }, () => bytes(int(64)));

/** RFC 6962 §2.1 written again in Python with hashlib, independent of this code. */
const PYTHON = `
import hashlib, json, sys
def leaf(d): return hashlib.sha256(b"\\x00" + d).digest()
def node(l, r): return hashlib.sha256(b"\\x01" + l + r).digest()
def mth(ds):
    n = len(ds)
    if n == 0: return hashlib.sha256(b"").digest()
    if n == 1: return leaf(ds[0])
    k = 1
    while k * 2 < n: k *= 2
    return node(mth(ds[:k]), mth(ds[k:]))
trees = json.load(sys.stdin)
out = []
for t in trees:
    ds = [bytes.fromhex(h) for h in t]
    out.append({"leaves": [leaf(d).hex() for d in ds], "root": mth(ds).hex()})
json.dump(out, sys.stdout)
`;

describe('The RFC 6962 Merkle tree', function () {
  this.timeout(30_000);
  it('hashes the empty leaf and the empty tree as the standard says', () => {
    expect(leafHash(Buffer.alloc(0)).toString('hex')).to.equal('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(rootOf([]).toString('hex')).to.equal('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(nodeHash(Buffer.alloc(0), Buffer.alloc(0)).equals(leafHash(Buffer.alloc(0)))).to.equal(false);
  });

  it('gives the leaf and root hashes an independent implementation (Python hashlib) gives, on 1,000 random trees', () => {
    const trees = Array.from({ length: 1000 }, (_, i) => tree(i < 20 ? i : int(300)));
    const theirs = JSON.parse(
      execFileSync('python3', ['-c', PYTHON], {
        input: JSON.stringify(trees.map((t) => t.map((d) => d.toString('hex')))),
        maxBuffer: 256 << 20,
      }).toString(),
    ) as { leaves: string[]; root: string }[];
    trees.forEach((t, i) => {
      const leaves = t.map(leafHash);
      expect(
        leaves.map((l) => l.toString('hex')),
        `tree ${i}`,
      ).to.deep.equal(theirs[i]?.leaves);
      expect(rootOf(leaves).toString('hex'), `tree ${i}`).to.equal(theirs[i]?.root);
    });
  });

  it('has the same root appended leaf by leaf (compact range) as computed over all leaves, at every size', () => {
    const leaves = tree(600).map(leafHash);
    const range = new CompactRange();
    expect(range.root().equals(rootOf([]))).to.equal(true);
    leaves.forEach((leaf, i) => {
      range.append(leaf);
      expect([range.size, range.root().toString('hex')], `size ${i + 1}`).to.deep.equal([
        i + 1,
        rootOf(leaves.slice(0, i + 1)).toString('hex'),
      ]);
    });
  });

  it('proves every leaf of a tree in, and nothing else', () => {
    for (let size = 1; size <= 70; size++) {
      const leaves = tree(size).map(leafHash);
      const root = rootOf(leaves);
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(leaves, index);
        expect(verifyInclusion(leaves[index] as Buffer, index, size, proof, root), `${index} of ${size}`).to.equal(true);
        if (size > 1) {
          expect(
            verifyInclusion(leaves[(index + 1) % size] as Buffer, index, size, proof, root),
            `other leaf, ${index} of ${size}`,
          ).to.equal(false);
          const elsewhere = (index + 1) % size;
          expect(verifyInclusion(leaves[index] as Buffer, elsewhere, size, proof, root), `moved, ${index} of ${size}`).to.equal(false);
        }
        if (proof.length > 0) {
          const bent = proof.map((p, i) => (i === proof.length - 1 ? leafHash(p) : p));
          expect(verifyInclusion(leaves[index] as Buffer, index, size, bent, root)).to.equal(false);
        }
      }
    }
  });

  it('proves each earlier tree a prefix of a later one, and catches a rewritten history', () => {
    for (let second = 1; second <= 40; second++) {
      const leaves = tree(second).map(leafHash);
      const secondRoot = rootOf(leaves);
      for (let first = 1; first <= second; first++) {
        const firstRoot = rootOf(leaves.slice(0, first));
        const proof = consistencyProof(leaves, first);
        expect(verifyConsistency(first, second, firstRoot, secondRoot, proof), `${first} → ${second}`).to.equal(true);
        // The same size, one earlier leaf changed: the new root no longer extends the old one.
        const changed = int(first);
        const rewritten = leaves.map((l, i) => (i === changed ? leafHash(Buffer.from('rewritten')) : l));
        const rewrittenRoot = rootOf(rewritten);
        expect(
          verifyConsistency(first, second, firstRoot, rewrittenRoot, consistencyProof(rewritten, first)),
          `${first} → ${second}`,
        ).to.equal(false);
      }
    }
  });
});
