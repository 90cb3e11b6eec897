import type { SealedLog } from '../sqlite-seal-store.js';

/**
 * What an export directory holds, per sealed log `L`:
 *
 * - `L.ndjson`: the entries, one per line, each exactly the canonical JSON its leaf was hashed over;
 * - `L.leaves`: the leaf hash of every entry of the log up to the checkpoint, 32 bytes each, in
 *   order. Their root must be the checkpoint's, which authenticates them: each line is then checked
 *   against its own leaf, so the first bad line is named, and a prior checkpoint is proved a prefix;
 * - `L.proofs.ndjson` (a selection: one patient, a time window): for each line, its leaf index and
 *   RFC 9162 inclusion proof, so an entry can be proved on its own;
 * - `L.checkpoint`: the signed checkpoint the export is cut at.
 *
 * `manifest.json` lists every file with its SHA-256, the counts and the time of the export, and
 * `manifest.sig` is its Ed25519 signature (base64) by the key that signs the checkpoints, so a
 * selection cannot be shortened or emptied without the signature failing.
 */
export const EXPORT_FORMAT = 'hcms-export/1';

export interface ExportFilter {
  readonly patientId?: string;
  /** Entries recorded at or after (ISO 8601 UTC). */
  readonly from?: string;
  /** Entries recorded before. */
  readonly to?: string;
}

export interface ExportedLog {
  /** The checkpoint's origin, which is also its signer's name. */
  readonly origin: string;
  /** Entries in the log up to the checkpoint (its tree size), and how many of them the export holds. */
  readonly size: number;
  readonly entries: number;
  /** Where the cut is in the log (the last entry sealed in its checkpoint), and the log's head when exported. */
  readonly lastPosition: number;
  readonly headPosition: number;
}

export interface ExportedFile {
  readonly sha256: string;
  readonly bytes: number;
}

export interface Manifest {
  readonly format: typeof EXPORT_FORMAT;
  /** When the export was cut (transaction time): nothing recorded later is in it. */
  readonly exportedAt: string;
  /** `complete`: every entry up to each checkpoint; `selection`: those the filter matched. */
  readonly scope: 'complete' | 'selection';
  readonly filter: ExportFilter;
  readonly logs: Readonly<Partial<Record<SealedLog, ExportedLog>>>;
  readonly files: Readonly<Record<string, ExportedFile>>;
}

export interface ProofLine {
  readonly index: number;
  readonly position: number;
  readonly proof: readonly string[];
}

export const fileNames = (log: SealedLog) => ({
  entries: `${log}.ndjson`,
  leaves: `${log}.leaves`,
  proofs: `${log}.proofs.ndjson`,
  checkpoint: `${log}.checkpoint`,
});
