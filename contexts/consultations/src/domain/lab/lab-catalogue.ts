import * as t from 'io-ts';
import { withSchema } from '@hcms/shared-kernel';

/**
 * The tests a clinician may order, by LOINC code. Laboratory will own this catalogue when it
 * lands; until then it is shipped here, small and curated (LOINC codes © Regenstrief Institute,
 * used under the LOINC licence).
 */
export const LAB_CATALOGUE = {
  '58410-2': 'Complete blood count (hemogram) panel, blood, automated',
  '24323-8': 'Comprehensive metabolic panel, serum or plasma',
  '51990-0': 'Basic metabolic panel, blood',
  '4548-4': 'Hemoglobin A1c/Hemoglobin.total in blood',
  '57698-3': 'Lipid panel with direct LDL, serum or plasma',
  '3016-3': 'Thyrotropin (TSH), serum or plasma',
  '24356-8': 'Urinalysis complete panel, urine',
  '1988-5': 'C reactive protein, serum or plasma',
  '2160-0': 'Creatinine, serum or plasma',
  '2345-7': 'Glucose, serum or plasma',
  '6690-2': 'Leukocytes, blood, automated count',
  '5902-2': 'Prothrombin time (PT)',
} as const satisfies Record<string, string>;

const CODES = Object.keys(LAB_CATALOGUE);

export interface LabTestCodeBrand {
  readonly LabTestCode: unique symbol;
}
export const LabTestCode = withSchema(
  t.brand(t.string, (s): s is t.Branded<string, LabTestCodeBrand> => Object.hasOwn(LAB_CATALOGUE, s), 'LabTestCode'),
  { type: 'string', enum: CODES, description: `must be a test of the catalogue (LOINC): ${CODES.join(', ')}` },
);
export type LabTestCode = t.TypeOf<typeof LabTestCode>;

export const labTestDisplay = (code: LabTestCode): string => LAB_CATALOGUE[code as keyof typeof LAB_CATALOGUE];
