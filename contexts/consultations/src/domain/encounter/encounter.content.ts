import type { EncounterRecord, PrescriptionState } from './encounter.state.js';

/** The version of what a signature covers: bump it (and keep the old one) if the content ever changes shape. */
export const CONTENT_FORMAT = 'hcms-encounter/1';

/**
 * JSON with keys sorted at every level and no spaces: RFC 8785's canonical form for the values an
 * encounter holds (strings, finite numbers, booleans, arrays, objects), so the same content always
 * gives the same bytes, here, in a verifier, or years later.
 */
export const canonicalJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

/**
 * What a signature covers, as text: the note, vitals, diagnoses, prescriptions, plan, lab orders and
 * billed services of one version of the encounter. Addenda are not in it: they come after, each
 * with its own author and time.
 */
export const signedContent = (s: EncounterRecord, version: number): string =>
  canonicalJson({
    format: CONTENT_FORMAT,
    version,
    encounterId: s.encounterId,
    patientId: s.patientId,
    clinicianId: s.clinicianId,
    dateOfService: s.dateOfService,
    origin: s.origin.kind === 'appointment' ? { kind: s.origin.kind, appointmentId: s.origin.appointmentId } : { kind: s.origin.kind },
    reasonForVisit: s.reasonForVisit,
    note: s.note,
    vitals: s.vitals.map(({ takenAt, observations }) => ({
      takenAt,
      observations: observations.map(({ kind, loinc, value, unit, canonicalValue, canonicalUnit }) => ({
        kind,
        loinc,
        value,
        unit,
        canonicalValue,
        canonicalUnit,
      })),
    })),
    diagnoses: Object.values(s.diagnoses).map(({ code, title, edition, primary }) => ({ code, title, edition, primary })),
    prescriptions: Object.entries(s.prescriptions).map(([prescriptionId, p]) => prescriptionContent(prescriptionId, p)),
    planItems: s.planItems.map(({ itemId, description, dueDate }) => ({ itemId, description, dueDate })),
    labOrders: s.labOrders.map(({ labOrderId, tests, priority, note }) => ({ labOrderId, tests, priority, note })),
    services: s.services.map(({ system, code, kind }) => ({ system, code, kind })),
  });

/**
 * Every field named, none copied wholesale: a field added to the state later must not change what
 * an old signature covers (that takes a new format).
 */
const prescriptionContent = (prescriptionId: string, p: PrescriptionState) => {
  const { dose, route, frequency, duration, asNeededFor } = p.dosage;
  return {
    prescriptionId,
    medication: p.medication,
    dosage: {
      dose: { value: dose.value, unit: dose.unit },
      route,
      frequency,
      duration: duration && { value: duration.value, unit: duration.unit },
      asNeededFor,
    },
    startDate: p.startDate,
    endDate: p.endDate,
    allergyCheck: allergyCheckContent(p.allergyCheck),
    replaces: p.replaces,
    discontinued: p.discontinued && { reason: p.discontinued.reason, at: p.discontinued.at, replacedBy: p.discontinued.replacedBy },
  };
};

const allergyCheckContent = (check: PrescriptionState['allergyCheck']) => {
  switch (check.status) {
    case 'clear':
    case 'erased':
      return { status: check.status };
    case 'overridden':
      return {
        status: check.status,
        conflicts: check.conflicts.map(({ allergyId, substance, matchedBy, drugClass }) => ({
          allergyId,
          substance,
          matchedBy,
          drugClass,
        })),
        overrideReason: check.overrideReason,
      };
    case 'not-run':
      return { status: check.status, cause: check.cause, overrideReason: check.overrideReason };
  }
};
