import * as E from 'fp-ts/lib/Either.js';
import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import type { Units } from '@hcms/shared-kernel';

/**
 * Rounding of a converted value: 5 significant digits keep a scale's or a thermometer's resolution (0.01 kg
 * below 1000 kg, 0.001 Cel) and drop what only the rounding of the entered value put there (176.37 [lb_av]
 * is 80.0000863 kg, recorded as 80); then to the millionth, for an offset conversion leaves noise about zero
 * (32 [degF] comes back as 5.7e-14 Cel). A value already in the canonical unit is kept as entered.
 */
const rounded = (n: number): number => Number(Number(n.toPrecision(5)).toFixed(6)) + 0; // + 0: no -0

/** Units a clinician may mean, by canonical unit: offered when the one given is not UCUM or measures something else. */
const EXAMPLES: Readonly<Record<string, readonly string[]>> = {
  kg: ['kg', 'g', '[lb_av]'],
  cm: ['cm', 'm', '[in_i]'],
  Cel: ['Cel', '[degF]'],
  'mm[Hg]': ['mm[Hg]', 'kPa'],
  '/min': ['/min', '{beats}/min'],
  '%': ['%'],
  'kg/m2': ['kg/m2'],
};

const listed = (units: readonly string[]): string =>
  units.length > 1 ? `${units.slice(0, -1).join(', ')} or ${units[units.length - 1] ?? ''}` : units.join('');

/**
 * Units of measure by UCUM, with the LHC's library: `[lb_av]` → `kg`, `[in_i]` → `cm`, `[degF]` → `Cel`
 * (an offset, which the library applies), `kPa` → `mm[Hg]`.
 *
 * Annotations in braces are accepted as UCUM defines them: `{beats}/min` is `/min`, the braces carrying no
 * meaning. Devices and other systems send them, and what is measured comes from the vital's kind (its LOINC
 * code), never from the unit, which is kept as entered beside the converted value.
 */
export const ucumUnits = (): Units => {
  const ucum = UcumLhcUtils.getInstance();
  const canonical = new Set<string>();

  /** The canonical unit is the caller's constant: a wrong one is a bug, not a refusal. */
  const knownCanonical = (code: string): void => {
    if (canonical.has(code)) return;
    if (ucum.validateUnitString(code).status !== 'valid') throw new Error(`${code} is not a UCUM unit`);
    canonical.add(code);
  };

  /**
   * Offers only a suggestion that is among the examples: the library may suggest a unit of the right kind
   * that is not the one meant (for `lb`, `[lb_ap]`: the apothecaries' pound).
   */
  const notUcum = (unit: string, examples: readonly string[]): { readonly rule: string } => {
    const validation = /\s/.test(unit) ? undefined : ucum.validateUnitString(unit, true);
    const corrected = validation?.ucumCode ? [validation.ucumCode] : [];
    const suggested = (validation?.suggestions ?? []).filter((s) => s.invalidUnit === unit).flatMap((s) => s.units.map(([code]) => code));
    const meant = [...corrected, ...suggested].find((code) => examples.includes(code));
    return { rule: meant ? `must be a UCUM unit (did you mean ${meant}?)` : `must be a UCUM unit (such as ${listed(examples)})` };
  };

  return {
    known(unit) {
      const given = unit.trim();
      return given === '' || /\s/.test(given) || ucum.validateUnitString(given).status !== 'valid'
        ? E.left({ rule: 'must be a UCUM unit, such as mg, mL, [iU] or {tablet}' })
        : E.right(given);
    },
    convert(value, unit, canonicalUnit) {
      knownCanonical(canonicalUnit);
      const given = unit.trim();
      const examples = EXAMPLES[canonicalUnit] ?? [canonicalUnit];
      // UCUM has no spaces; the library reports one by logging to the console.
      if (given === '' || /\s/.test(given) || ucum.validateUnitString(given).status !== 'valid') return E.left(notUcum(given, examples));
      if (!Number.isFinite(value)) return E.right(value); // the same in any unit; refused where the value is checked
      if (given === canonicalUnit) return E.right(value);
      const conversion = ucum.convertUnitTo(given, value, canonicalUnit);
      return conversion.status === 'succeeded' && typeof conversion.toVal === 'number' && Number.isFinite(conversion.toVal)
        ? E.right(rounded(conversion.toVal))
        : E.left({ rule: `must be a unit of ${canonicalUnit}'s kind, such as ${listed(examples)}` });
    },
  };
};
