import type {
  AnalyteResult,
  ExpectedAnalyte,
  LabPriority,
  OrderedTest,
  OrderSource,
  ReachedRole,
  RejectionReason,
  SpecimenType,
} from '@hcms/laboratory/contract';

/** Laboratory's statuses of an order, as its own fold names them. */
export type LabOrderStatus =
  'ordered' | 'collected' | 'received' | 'recollect' | 'resulted' | 'final' | 'correction-pending' | 'corrected' | 'cancelled';

/** Statuses with work left for the laboratory: everything but a verified report or a cancellation. */
export const OPEN_STATUSES: readonly LabOrderStatus[] = ['ordered', 'collected', 'received', 'recollect', 'resulted', 'correction-pending'];

/** How the worklist orders priorities: STAT first. */
export const PRIORITY_RANK: Readonly<Record<LabPriority, number>> = { stat: 0, urgent: 1, routine: 2 };

export interface SpecimenView {
  readonly accessionNumber: string;
  readonly specimenType: SpecimenType;
  readonly collectorId: string;
  readonly collectedAt: string;
  readonly receivedBy?: string;
  readonly receivedAt?: string;
}

export interface RejectedSpecimen extends SpecimenView {
  readonly reason: RejectionReason;
  readonly note?: string;
  readonly rejectedBy: string;
  readonly rejectedAt: string;
}

/** One report version: `pending` while results are entered, then `final` (version 1) or `corrected`. */
export interface LabReport {
  readonly reportVersion: number;
  readonly status: 'pending' | 'final' | 'corrected';
  readonly accessionNumber: string;
  readonly collectedAt?: string;
  /** One per analyte; a result entered again replaces the one before it. */
  readonly results: readonly AnalyteResult[];
  readonly enteredBy: readonly string[];
  readonly verifiedBy?: string;
  readonly finalizedAt?: string;
  readonly correctionReason?: string;
}

export interface CriticalCallback {
  readonly reached: { readonly name: string; readonly role: ReachedRole };
  readonly readBack: boolean;
  readonly calledAt: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/**
 * A critical value someone must be told of: open until a call is read back (`closed`), or until a
 * corrected report replaces the report it was about (`superseded`; that report raises its own).
 */
export interface CriticalAlert {
  readonly alertId: string;
  readonly reportVersion: number;
  readonly results: readonly AnalyteResult[];
  readonly detectedAt: string;
  readonly status: 'open' | 'closed' | 'superseded';
  readonly callbacks: readonly CriticalCallback[];
  readonly superseded?: { readonly byReportVersion: number; readonly at: string };
}

/** A lab order as the laboratory works it: specimen, every report version, critical alerts. */
export interface LabOrderDoc {
  readonly labOrderId: string;
  readonly patientId: string;
  readonly orderingClinicianId: string;
  readonly source: OrderSource;
  readonly status: LabOrderStatus;
  readonly priority: LabPriority;
  /** `PRIORITY_RANK` of `priority`: the worklist's index orders by it. */
  readonly priorityRank: number;
  readonly specimenType: SpecimenType;
  readonly tests: readonly OrderedTest[];
  readonly analytes: readonly ExpectedAnalyte[];
  readonly orderedAt: string;
  readonly note?: string;
  /** The current specimen's (a rejected one's until another is collected): analysers' results name it. */
  readonly accessionNumber?: string;
  readonly specimen?: SpecimenView;
  readonly rejections: readonly RejectedSpecimen[];
  /** By report version, oldest first: a corrected report never hides the one it corrects. */
  readonly reports: readonly LabReport[];
  readonly criticalAlerts: readonly CriticalAlert[];
  /** Whether any critical alert is open: the worklist's index finds the values still waiting for a call by it. */
  readonly openCriticalAlert: boolean;
  readonly cancelled?: { readonly by: string; readonly at: string; readonly reason?: string };
  /** Its patient was erased: notes, reasons and results are gone. */
  readonly erased?: true;
}

/**
 * The report versions whose critical values nobody has confirmed hearing yet. A patient does not
 * read them: they would learn of a critical value before the clinician responsible for it.
 */
export const versionsAwaitingCallback = (doc: Pick<LabOrderDoc, 'criticalAlerts'>): ReadonlySet<number> =>
  new Set(doc.criticalAlerts.filter((a) => a.status === 'open').map((a) => a.reportVersion));
