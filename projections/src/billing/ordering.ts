/** Plain code-unit order: dates, numbers and ids compare the same in every locale. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Records come back from some read stores with their keys in another order: whatever is listed
 * from one is put in order first (by day, then id), so the read store and a fold of the log answer alike.
 */
export const byDayThen =
  <K extends string>(key: K) =>
  (a: { readonly on: string } & Readonly<Record<K, string>>, b: { readonly on: string } & Readonly<Record<K, string>>): number =>
    compare(a.on, b.on) || compare(a[key], b[key]);
