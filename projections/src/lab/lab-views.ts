import type { Role } from '@hcms/shared-kernel';
import type { TestDefinition } from '@hcms/laboratory/contract';
import { versionsAwaitingCallback, type LabOrderDoc, type LabOrderStatus, type LabReport } from './lab-order.doc.js';
import type { DefinedTest } from './lab-catalogue.projection.js';
import type { ParkedResultDoc } from './parked-results.projection.js';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What a reader in `role` sees of an order: staff see it whole; a patient sees their verified
 * reports only (never results still pending verification, nor a report whose critical values
 * nobody has confirmed hearing yet: it shows once the call is read back or a correction replaces
 * it), and not the laboratory's calls about critical values (they name the staff reached).
 */
export const labOrderShownTo = (role: Role, doc: LabOrderDoc): LabOrderDoc => {
  if (role !== 'patient') return doc;
  // A report awaiting its callback holds back the versions before it too: they were corrected by it.
  const held = Math.max(0, ...versionsAwaitingCallback(doc));
  const reports = doc.reports.filter((r) => r.status !== 'pending' && r.reportVersion > held);
  return {
    ...doc,
    // Nor does the status tell of a report held back: to the patient, it is still being reported.
    ...(held > 0 ? { status: 'resulted' } : {}),
    reports,
    criticalAlerts: [],
    openCriticalAlert: false,
  };
};

const hasOpenAlert = (doc: LabOrderDoc): boolean => doc.criticalAlerts.some((a) => a.status === 'open');

/** The body of `GET /patients/:patientId/lab-orders/:labOrderId`: every report version, the first readable after a correction. */
export const labOrderBody = (role: Role, doc: LabOrderDoc, version: number, position: number) => {
  // Keys of the worklist's index, not part of the order.
  const { priorityRank: _rank, openCriticalAlert: _open, ...shown } = labOrderShownTo(role, doc);
  return { ...shown, version, position };
};

export interface LabOrderLine {
  readonly labOrderId: string;
  readonly status: LabOrderStatus;
  readonly priority: LabOrderDoc['priority'];
  readonly specimenType: LabOrderDoc['specimenType'];
  readonly tests: LabOrderDoc['tests'];
  readonly orderedAt: string;
  readonly orderingClinicianId: string;
  readonly accessionNumber?: string;
  readonly latestReport?: Pick<LabReport, 'reportVersion' | 'status' | 'finalizedAt'>;
  /** Staff only: a critical value nobody has confirmed hearing yet. */
  readonly openCriticalAlert?: boolean;
}

const lineOf = (role: Role, doc: LabOrderDoc): LabOrderLine => {
  const shown = labOrderShownTo(role, doc);
  const latest = shown.reports.at(-1);
  return {
    labOrderId: doc.labOrderId,
    status: shown.status,
    priority: doc.priority,
    specimenType: doc.specimenType,
    tests: doc.tests,
    orderedAt: doc.orderedAt,
    orderingClinicianId: doc.orderingClinicianId,
    ...(doc.accessionNumber === undefined ? {} : { accessionNumber: doc.accessionNumber }),
    ...(latest
      ? {
          latestReport: {
            reportVersion: latest.reportVersion,
            status: latest.status,
            ...(latest.finalizedAt === undefined ? {} : { finalizedAt: latest.finalizedAt }),
          },
        }
      : {}),
    ...(role === 'patient' ? {} : { openCriticalAlert: hasOpenAlert(doc) }),
  };
};

/** The body of `GET /patients/:patientId/lab-orders`: newest first. */
export const labOrderListBody = (role: Role, patientId: string, orders: readonly LabOrderDoc[], position: number) => ({
  patientId,
  items: [...orders]
    .sort((a, b) => compare(b.orderedAt, a.orderedAt) || compare(b.labOrderId, a.labOrderId))
    .map((doc) => lineOf(role, doc)),
  position,
});

export interface LabWorklistItem {
  readonly labOrderId: string;
  readonly patientId: string;
  readonly status: LabOrderStatus;
  readonly priority: LabOrderDoc['priority'];
  readonly tests: LabOrderDoc['tests'];
  readonly accessionNumber?: string;
  readonly orderedAt: string;
  readonly openCriticalAlert: boolean;
}

/** When the oldest of an order's open critical alerts was raised; undefined when none is open. */
const waitingSince = (doc: LabOrderDoc): string | undefined =>
  doc.criticalAlerts
    .filter((a) => a.status === 'open')
    .map((a) => a.detectedAt)
    .sort(compare)[0];

/** Orders with a critical value still to be called first, the longest waiting first; those without after them. */
const byWaitingCall = (a: LabOrderDoc, b: LabOrderDoc): number => {
  const [x, y] = [waitingSince(a), waitingSince(b)];
  if (x === undefined || y === undefined) return x === y ? 0 : x === undefined ? 1 : -1;
  return compare(x, y);
};

/**
 * The body of `GET /lab/worklist`: orders with a critical value nobody has confirmed hearing yet
 * first, whatever their priority, the longest waiting first; then STAT, urgent and routine, each
 * the oldest first.
 */
export const labWorklistBody = (orders: readonly LabOrderDoc[], position: number) => ({
  items: [...orders]
    .sort(
      (a, b) =>
        byWaitingCall(a, b) || a.priorityRank - b.priorityRank || compare(a.orderedAt, b.orderedAt) || compare(a.labOrderId, b.labOrderId),
    )
    .map((doc): LabWorklistItem => ({
      labOrderId: doc.labOrderId,
      patientId: doc.patientId,
      status: doc.status,
      priority: doc.priority,
      tests: doc.tests,
      ...(doc.accessionNumber === undefined ? {} : { accessionNumber: doc.accessionNumber }),
      orderedAt: doc.orderedAt,
      openCriticalAlert: hasOpenAlert(doc),
    })),
  position,
});

/** The body of `GET /lab/parked-results`: those still parked first, oldest first; then those resolved, latest first. */
export const parkedResultsBody = (parked: readonly ParkedResultDoc[], position: number) => {
  const byReceived = (a: ParkedResultDoc, b: ParkedResultDoc) => compare(a.receivedAt, b.receivedAt) || compare(a.parkedId, b.parkedId);
  return {
    items: [
      ...parked.filter((p) => p.status === 'parked').sort(byReceived),
      ...parked
        .filter((p) => p.status !== 'parked')
        .sort(byReceived)
        .reverse(),
    ],
    position,
  };
};

export type CatalogueEntry = TestDefinition & {
  readonly origin: 'starter' | 'defined';
  readonly definedBy?: string;
  readonly definedAt?: string;
  /** The definition's version, to send back with an edit (`PUT …?version=`); a starter test's is none. */
  readonly version?: number;
};

/** The body of `GET /lab/catalogue`: the starter catalogue in its order, each test an administrator defined replacing its entry, new tests after by code. */
export const catalogueBody = (
  starter: readonly TestDefinition[],
  defined: readonly (DefinedTest & { readonly version?: number })[],
  position: number,
) => {
  const byCode = new Map(defined.map((d) => [d.code, d]));
  const entry = (d: DefinedTest & { readonly version?: number }): CatalogueEntry => ({
    ...d.definition,
    origin: 'defined',
    definedBy: d.definedBy,
    definedAt: d.definedAt,
    ...(d.version === undefined ? {} : { version: d.version }),
  });
  const known = new Set(starter.map((s) => s.code as string));
  return {
    items: [
      ...starter.map((s): CatalogueEntry => {
        const replaced = byCode.get(s.code);
        return replaced ? entry(replaced) : { ...s, origin: 'starter' };
      }),
      ...defined
        .filter((d) => !known.has(d.code))
        .sort((a, b) => compare(a.code, b.code))
        .map(entry),
    ],
    position,
  };
};
