import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 6962 (Certificate Transparency, kept in RFC 9162): leaves and nodes are
 * hashed with distinct prefixes so a leaf can never pass for a node. Leaves are given as their
 * hashes; proofs are lists of node hashes.
 */

const sha256 = (...parts: readonly Uint8Array[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/** SHA-256(0x00 ‖ data). */
export const leafHash = (data: Uint8Array): Buffer => sha256(LEAF, data);

/** SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => sha256(NODE, left, right);

/** The largest power of two smaller than n (n ≥ 2): where RFC 6962 splits a tree. */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/** MTH(D[n]): the root of the tree over these leaf hashes; the hash of nothing for no leaves. */
export const rootOf = (leaves: readonly Buffer[]): Buffer => {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0] as Buffer;
  const k = split(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
};

/** PATH(m, D[n]): the audit path proving leaf `index` is in the tree over `leaves`. */
export const inclusionProof = (leaves: readonly Buffer[], index: number): Buffer[] => {
  if (index < 0 || index >= leaves.length) throw new RangeError(`no leaf ${index} in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionProof(leaves.slice(0, k), index), rootOf(leaves.slice(k))]
    : [...inclusionProof(leaves.slice(k), index - k), rootOf(leaves.slice(0, k))];
};

const subproof = (m: number, leaves: readonly Buffer[], whole: boolean): Buffer[] => {
  const n = leaves.length;
  if (m === n) return whole ? [] : [rootOf(leaves)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), whole), rootOf(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), rootOf(leaves.slice(0, k))];
};

/** PROOF(m, D[n]): proves the tree of the first `size` leaves is a prefix of the tree over `leaves`. */
export const consistencyProof = (leaves: readonly Buffer[], size: number): Buffer[] => {
  if (size < 1 || size > leaves.length) throw new RangeError(`no prefix of ${size} in a tree of ${leaves.length}`);
  return subproof(size, leaves, true);
};

const lsb = (n: number): boolean => n % 2 === 1;

/** RFC 9162 §2.1.3.2: whether `leaf` is at `index` of the tree of `size` with this `root`. */
export const verifyInclusion = (leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean => {
  if (index < 0 || index >= size) return false;
  let [fn, sn] = [index, size - 1];
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) while (!lsb(fn) && fn !== 0) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return sn === 0 && Buffer.from(r).equals(root);
};

const isPowerOfTwo = (n: number): boolean => n > 0 && (n & (n - 1)) === 0;

/**
 * RFC 9162 §2.1.4.2: whether the tree of `second` leaves with root `secondRoot` extends the tree
 * of its first `first` leaves with root `firstRoot`. A history rewritten and signed again fails it.
 */
export const verifyConsistency = (
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean => {
  if (first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let [fn, sn] = [first - 1, second - 1];
  while (lsb(fn)) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  let fr: Uint8Array = path[0] as Uint8Array;
  let sr: Uint8Array = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) while (!lsb(fn) && fn !== 0) [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [Math.floor(fn / 2), Math.floor(sn / 2)];
  }
  return Buffer.from(fr).equals(firstRoot) && Buffer.from(sr).equals(secondRoot) && sn === 0;
};
