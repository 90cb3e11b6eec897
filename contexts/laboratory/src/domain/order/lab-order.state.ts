import { absurd } from 'fp-ts/lib/function.js';
import { ERASED_TEXT, type LongText } from '@hcms/shared-kernel';
import type { LabOrderEvent, LabOrderEventOf } from './lab-order.events.js';
import { messageKeyOf } from './lab-order.values.js';
import type {
  AnalyteResult,
  ExpectedAnalyte,
  LabPriority,
  OrderedTest,
  OrderSource,
  RejectionReason,
  SpecimenType,
} from './lab-order.values.js';

type Data<T extends LabOrderEvent['type']> = LabOrderEventOf<T>['data'];

export interface Specimen {
  readonly accessionNumber: string;
  readonly specimenType: SpecimenType;
  readonly collectorId: string;
  readonly collectedAt: string;
  readonly received?: { readonly by: string; readonly at: string };
  readonly rejected?: { readonly reason: RejectionReason; readonly by: string; readonly at: string; readonly note?: string };
}

/**
 * One version of the report. `enteredBy` names who entered each result of this version: a
 * correction's copy of the final report carries the earlier results, not their enterers, so only
 * the corrected analytes bind the separation of duties of its verification.
 */
export interface Report {
  readonly version: number;
  readonly results: Readonly<Record<string, AnalyteResult>>;
  readonly enteredBy: Readonly<Record<string, string>>;
  /** The analyser messages applied to this version, by control id: a redelivered one is applied once. */
  /** The analyser messages applied (`messageKeyOf`): one sent again is not entered again. */
  readonly messages: readonly string[];
  readonly correctionReason?: string;
  readonly verifiedBy?: string;
  readonly finalizedAt?: string;
}

export interface CriticalAlert {
  readonly alertId: string;
  readonly reportVersion: number;
  readonly results: readonly AnalyteResult[];
  readonly closed: boolean;
}

/** Everything the order records: what its decisions need and what its reports say. */
export interface LabOrderRecord {
  readonly labOrderId: string;
  readonly patientId: string;
  readonly orderingClinicianId: string;
  readonly source: OrderSource;
  readonly specimenType: SpecimenType;
  readonly tests: readonly OrderedTest[];
  /** In the order the report lists them. */
  readonly analytes: readonly ExpectedAnalyte[];
  readonly priority: LabPriority;
  readonly orderedAt: string;
  readonly note?: string;
  /** The specimen collected last; once rejected it stays here, marked, until the next is collected. */
  readonly specimen?: Specimen;
  readonly rejectedSpecimens: readonly Specimen[];
  /** Every report version, oldest first: a correction adds one and the earlier stay readable. */
  readonly reports: readonly Report[];
  readonly alerts: readonly CriticalAlert[];
  readonly cancellation?: { readonly by: string; readonly at: string; readonly reason?: string };
  /** Its patient was erased: the words and values above are stand-ins, and nothing more is recorded. */
  readonly erased?: true;
}

export type LabOrderStatus =
  'ordered' | 'collected' | 'received' | 'recollect' | 'resulted' | 'final' | 'correction-pending' | 'corrected' | 'cancelled';

export type LabOrderState = { readonly status: 'none' } | (LabOrderRecord & { readonly status: LabOrderStatus });
export type LabOrder = Extract<LabOrderState, { status: LabOrderStatus }>;

export const initialState: LabOrderState = { status: 'none' };

const placed = (d: Data<'LabOrderPlaced'>): LabOrderState => ({
  status: 'ordered',
  labOrderId: d.labOrderId,
  patientId: d.patientId,
  orderingClinicianId: d.orderingClinicianId,
  source: d.source,
  specimenType: d.specimenType,
  tests: d.tests,
  analytes: d.analytes,
  priority: d.priority,
  orderedAt: d.orderedAt,
  ...(d.note === undefined ? {} : { note: d.note }),
  rejectedSpecimens: [],
  reports: [],
  alerts: [],
});

const collected = (s: LabOrder, d: Data<'SpecimenCollected'>): LabOrder => ({
  ...s,
  status: 'collected',
  specimen: { accessionNumber: d.accessionNumber, specimenType: d.specimenType, collectorId: d.collectorId, collectedAt: d.collectedAt },
  // The specimen it replaces can only have been rejected: a collected or received one is never replaced.
  rejectedSpecimens: s.specimen ? [...s.rejectedSpecimens, s.specimen] : s.rejectedSpecimens,
});

const withSpecimen = (s: LabOrder, change: (specimen: Specimen) => Specimen): LabOrder =>
  s.specimen ? { ...s, specimen: change(s.specimen) } : s;

const byCode = (results: readonly AnalyteResult[]): Record<string, AnalyteResult> => Object.fromEntries(results.map((r) => [r.code, r]));

/** Results replace their analyte's in the open version; a version past the last opens a correction, from the last final report. */
const entered = (s: LabOrder, d: Data<'ResultsEntered'>): LabOrder => {
  const last = s.reports.at(-1);
  const enteredBy = Object.fromEntries(d.results.map((r) => [r.code, d.enteredBy]));
  const messages = d.source.kind === 'hl7' ? [messageKeyOf(d.source)] : [];
  if (last && last.version === d.reportVersion) {
    const open: Report = {
      ...last,
      results: { ...last.results, ...byCode(d.results) },
      enteredBy: { ...last.enteredBy, ...enteredBy },
      messages: [...last.messages, ...messages],
    };
    return {
      ...s,
      status: s.status === 'correction-pending' ? 'correction-pending' : 'resulted',
      reports: [...s.reports.slice(0, -1), open],
    };
  }
  const opened: Report = {
    version: d.reportVersion,
    results: { ...(last?.results ?? {}), ...byCode(d.results) },
    enteredBy,
    messages,
    ...(d.correctionReason === undefined ? {} : { correctionReason: d.correctionReason }),
  };
  return { ...s, status: last ? 'correction-pending' : 'resulted', reports: [...s.reports, opened] };
};

const finalized = (s: LabOrder, d: Data<'LabResultFinalized'>): LabOrder => ({
  ...s,
  status: d.status,
  reports: s.reports.map((r) => (r.version === d.reportVersion ? { ...r, verifiedBy: d.verifiedBy, finalizedAt: d.finalizedAt } : r)),
});

const closeAlert = (s: LabOrder, alertId: string): LabOrder => ({
  ...s,
  alerts: s.alerts.map((a) => (a.alertId === alertId ? { ...a, closed: true } : a)),
});

const ERASED = ERASED_TEXT as LongText;

/**
 * The record as the log reads once the patient's key is destroyed (the contract's personal-data
 * policy): notes and reasons stand in as erased text, and no value of the patient's is left.
 */
export const forgotten = (s: LabOrder): LabOrder => {
  const unnoted = (specimen: Specimen): Specimen =>
    specimen.rejected?.note === undefined ? specimen : { ...specimen, rejected: { ...specimen.rejected, note: ERASED } };
  const cancellation = s.cancellation;
  return {
    ...s,
    ...(s.note === undefined ? {} : { note: ERASED }),
    ...(s.specimen ? { specimen: unnoted(s.specimen) } : {}),
    rejectedSpecimens: s.rejectedSpecimens.map(unnoted),
    reports: s.reports.map((r) => ({
      ...r,
      results: {},
      enteredBy: {},
      ...(r.correctionReason === undefined ? {} : { correctionReason: ERASED }),
    })),
    alerts: s.alerts.map((a) => ({ ...a, results: [] })),
    ...(cancellation?.reason === undefined ? {} : { cancellation: { ...cancellation, reason: ERASED } }),
  };
};

export const evolve = (state: LabOrderState, event: LabOrderEvent): LabOrderState => {
  if (event.type === 'LabOrderPlaced') return state.status === 'none' ? placed(event.data) : state;
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'SpecimenCollected':
      return collected(state, event.data);
    case 'SpecimenReceived':
      return {
        ...withSpecimen(state, (sp) => ({ ...sp, received: { by: event.data.receivedBy, at: event.data.receivedAt } })),
        status: 'received',
      };
    case 'SpecimenRejected': {
      const { reason, rejectedBy, rejectedAt, note } = event.data;
      const rejected = { reason, by: rejectedBy, at: rejectedAt, ...(note === undefined ? {} : { note }) };
      return { ...withSpecimen(state, (sp) => ({ ...sp, rejected })), status: 'recollect' };
    }
    case 'ResultsEntered':
      return entered(state, event.data);
    case 'LabResultFinalized':
      return finalized(state, event.data);
    case 'CriticalResultDetected': {
      const { alertId, reportVersion, results } = event.data;
      return { ...state, alerts: [...state.alerts, { alertId, reportVersion, results, closed: false }] };
    }
    case 'CriticalCallbackRecorded':
      return event.data.readBack ? closeAlert(state, event.data.alertId) : state;
    case 'CriticalAlertSuperseded':
      return closeAlert(state, event.data.alertId);
    case 'LabOrderCancelled': {
      const { cancelledBy, cancelledAt, reason } = event.data;
      return {
        ...state,
        status: 'cancelled',
        cancellation: { by: cancelledBy, at: cancelledAt, ...(reason === undefined ? {} : { reason }) },
      };
    }
    case 'LabOrderDetailsErased':
      return { ...forgotten(state), erased: true };
    default:
      return absurd(event);
  }
};
