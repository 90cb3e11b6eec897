/** "Ångström " → "angstrom": what name searches compare, so accents and case do not matter. */
export const searchKey = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
