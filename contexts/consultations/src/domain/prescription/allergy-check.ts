import { COMBINATIONS, DRUG_CLASSES, SYNONYMS } from './drug-classes.js';

export interface ActiveAllergy {
  readonly allergyId: string;
  readonly substance: string;
}

export interface AllergyConflict {
  readonly allergyId: string;
  readonly substance: string;
  readonly matchedBy: 'substance' | 'drug-class';
  /** The id of the class the two share, in `DRUG_CLASSES`, when matched by class. */
  readonly drugClass?: string;
}

/** Lower case, accents dropped, and anything but a letter or a digit breaks words: 'Amoxicillin/Clavulanate 500mg'. */
const wordsOf = (text: string): readonly string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);

interface Meaning {
  readonly ingredients: readonly string[];
  readonly classes: readonly string[];
}

const classesOf = (ingredient: string): readonly string[] => DRUG_CLASSES.filter((c) => c.members.includes(ingredient)).map((c) => c.id);
const meaning = (ingredients: readonly string[], classes = ingredients.flatMap(classesOf)): Meaning => ({ ingredients, classes });

const NAMES: readonly (readonly [string, Meaning])[] = [
  ...DRUG_CLASSES.flatMap((c) => c.members.map((member) => [member, meaning([member])] as const)),
  ...DRUG_CLASSES.flatMap((c) => c.namedAs.map((name) => [name, meaning([], [c.id])] as const)),
  ...Object.entries(SYNONYMS).map(([name, ingredient]) => [name, meaning([ingredient])] as const),
  ...Object.entries(COMBINATIONS).map(([name, ingredients]) => [name, meaning(ingredients)] as const),
];

/** Every name the table knows, normalised to its words, with the ingredients and classes it stands for. */
const KNOWN: ReadonlyMap<string, Meaning> = NAMES.reduce((known, [name, { ingredients, classes }]) => {
  const key = wordsOf(name).join(' ');
  const prior = known.get(key) ?? meaning([], []);
  return known.set(key, meaning([...prior.ingredients, ...ingredients], [...prior.classes, ...classes]));
}, new Map<string, Meaning>());

const LONGEST_NAME = Math.max(...[...KNOWN.keys()].map((key) => key.split(' ').length));

interface Reading {
  readonly words: readonly string[];
  readonly ingredients: ReadonlySet<string>;
  readonly classes: ReadonlySet<string>;
}

/** The longest known name that starts at word `i`, with its length in words. */
const nameAt = (words: readonly string[], i: number): readonly [Meaning, number] | undefined => {
  for (let length = Math.min(LONGEST_NAME, words.length - i); length > 0; length -= 1) {
    const known = KNOWN.get(words.slice(i, i + length).join(' '));
    if (known) return [known, length];
  }
  return undefined;
};

/** The known names in a text, whole words only, longest first: 'penicillin v' is not also 'penicillin'. */
const read = (text: string): Reading => {
  const words = wordsOf(text);
  const found: Meaning[] = [];
  for (let i = 0; i < words.length;) {
    const [known, length] = nameAt(words, i) ?? [undefined, 1];
    if (known) found.push(known);
    i += length;
  }
  return { words, ingredients: new Set(found.flatMap((m) => m.ingredients)), classes: new Set(found.flatMap((m) => m.classes)) };
};

const containsRun = (words: readonly string[], run: readonly string[]): boolean =>
  run.length > 0 && words.some((_word, i) => run.every((word, j) => words[i + j] === word));

/**
 * The allergy's substance is one of the medication's ingredients. A substance the table does not know
 * (gentamicin, latex) matches when its words appear, whole and in order, in the medication's name.
 */
const sameSubstance = (allergy: Reading, medication: Reading): boolean => {
  if ([...allergy.ingredients].some((ingredient) => medication.ingredients.has(ingredient))) return true;
  if (allergy.ingredients.size > 0 || allergy.classes.size > 0 || !allergy.words.some((word) => /[a-z]/.test(word))) return false;
  return containsRun(medication.words, allergy.words) || medication.ingredients.has(allergy.words.join(' '));
};

/** Whether the table knows an ingredient of the medication: only then can its drug classes be checked. */
export const recognised = (medication: string): boolean => read(medication).ingredients.size > 0;

/** Every active allergy the medication conflicts with: the same substance, or a drug class they share. */
export const allergyConflicts = (medication: string, allergies: readonly ActiveAllergy[]): readonly AllergyConflict[] => {
  const prescribed = read(medication);
  return allergies.flatMap(({ allergyId, substance }): AllergyConflict[] => {
    const allergy = read(substance);
    if (sameSubstance(allergy, prescribed)) return [{ allergyId, substance, matchedBy: 'substance' }];
    const shared = DRUG_CLASSES.find((c) => allergy.classes.has(c.id) && prescribed.classes.has(c.id));
    return shared ? [{ allergyId, substance, matchedBy: 'drug-class', drugClass: shared.id }] : [];
  });
};
