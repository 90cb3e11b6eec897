/** Billing's durable reactions that turn other contexts' work into charges, by subscription name. */
export const ENCOUNTER_CHARGES = 'policy.billing.on-encounter-signed';
export const LAB_CHARGES = 'policy.billing.on-lab-result-finalized';
export const CHARGE_CAPTURE = [ENCOUNTER_CHARGES, LAB_CHARGES] as const;
