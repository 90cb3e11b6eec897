import type { Role } from '@hcms/shared-kernel';

/**
 * A record may carry other patients' ids (the possible duplicates flagged at registration):
 * staff need them to merge records; a patient must never learn whom they were matched with.
 */
export const hideOtherPatientsFrom = <T>(viewer: Role, data: T): T | Omit<T, 'possibleDuplicateOf'> => {
  if (viewer !== 'patient' || typeof data !== 'object' || data === null || !('possibleDuplicateOf' in data)) return data;
  const { possibleDuplicateOf: _hidden, ...own } = data;
  return own;
};
