/**
 * The part of `@lhncbc/ucum-lhc` (7.1.x) this project uses: the package ships JavaScript only. Shapes follow
 * the JSDoc of `source/ucumLhcUtils.js`; the package is CommonJS, and Node exposes these as named exports.
 */
declare module '@lhncbc/ucum-lhc' {
  /** Units that may be what was meant by `invalidUnit`, part or all of the string given. */
  export interface UcumSuggestions {
    readonly msg: string;
    readonly invalidUnit: string;
    /** `[code, name, guidance]` of each unit. */
    readonly units: readonly (readonly [code: string, name: string, guidance: string | null])[];
  }

  export interface UcumValidation {
    /** `invalid` also when the library found the unit only by correcting the string (`degF` → `[degF]`). */
    readonly status: 'valid' | 'invalid' | 'error';
    /** The (possibly corrected) UCUM code, or null when no unit was found. */
    readonly ucumCode: string | null;
    readonly unit?: { readonly code: string; readonly name: string; readonly guidance: string | null };
    readonly msg: readonly string[];
    readonly suggestions?: readonly UcumSuggestions[];
  }

  export interface UcumConversion {
    /** `failed` when the units are not commensurable or one is not found; `error` for a missing unit or value. */
    readonly status: 'succeeded' | 'failed' | 'error';
    readonly toVal: number | null;
    readonly msg: readonly string[];
    readonly suggestions?: { readonly from?: readonly UcumSuggestions[]; readonly to?: readonly UcumSuggestions[] };
  }

  export interface UcumConversionOptions {
    readonly suggest?: boolean;
    /** Needed to convert between mass and moles. */
    readonly molecularWeight?: number;
    /** Needed to convert between equivalents and mass or moles. */
    readonly charge?: number;
  }

  export class UcumLhcUtils {
    /** A new utilities object over the unit tables, which load once per process. */
    static getInstance(): UcumLhcUtils;
    validateUnitString(unit: string, suggest?: boolean, valConv?: 'validate' | 'convert'): UcumValidation;
    convertUnitTo(fromUnitCode: string, fromVal: number, toUnitCode: string, options?: UcumConversionOptions): UcumConversion;
  }
}
