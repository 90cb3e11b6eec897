/**
 * Which fields of a context's events hold personal data (names, contact details, free text,
 * anything identifying), by wire type and top-level field of `data`, and what stands in for each
 * once its patient's key is destroyed. Those fields are encrypted with the patient's own key
 * before they are appended, so erasing a patient is destroying one key: the log, and the hashes
 * that seal it, stay as they were. A stand-in must satisfy the field's codec, so an erased event
 * is still read (a projection rebuilt after an erasure folds it, then the erasure).
 */
export type PersonalDataPolicy = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** What stands in for erased free text. */
export const ERASED_TEXT = '(erased)';

/** Every context's policy together; a wire type belongs to one context, so they never collide. */
export const personalDataPolicy = (...policies: readonly PersonalDataPolicy[]): PersonalDataPolicy =>
  Object.assign({}, ...policies) as PersonalDataPolicy;
