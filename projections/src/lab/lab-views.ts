import type { Role } from '@hcms/shared-kernel';
import type { TestDefinition } from '@hcms/laboratory/contract';
import type { LabOrderDoc, LabOrderStatus, LabReport } from './lab-order.doc.js';
import type { DefinedTest } from './lab-catalogue.projection.js';
import type { ParkedResultDoc } from './parked-results.projection.js';

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What a reader in `role` sees of an order: staff see it whole; a patient sees their verified
 * reports only (never results still pending verification), and not the laboratory's calls about
 * critical values (they name the staff reached).
 */
export const labOrderShownTo = (role: Role, doc: LabOrderDoc): LabOrderDoc =>
  role === 'patient' ? { ...doc, reports: doc.reports.filter((r) => r.status !== 'pending'), criticalAlerts: [] } : doc;

const hasOpenAlert = (doc: LabOrderDoc): boolean => doc.criticalAlerts.some((a) => a.status === 'open');

/** The body of `GET /patients/:patientId/lab-orders/:labOrderId`: every report version, the first readable after a correction. */
export const labOrderBody = (role: Role, doc: LabOrderDoc, version: number, position: number) => {
  const { priorityRank: _rank, ...shown } = labOrderShownTo(role, doc);
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
    status: doc.status,
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

/** The body of `GET /lab/worklist`: STAT first, then urgent, then routine; within each the oldest first. */
export const labWorklistBody = (orders: readonly LabOrderDoc[], position: number) => ({
  items: [...orders]
    .sort((a, b) => a.priorityRank - b.priorityRank || compare(a.orderedAt, b.orderedAt) || compare(a.labOrderId, b.labOrderId))
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
};

/** The body of `GET /lab/catalogue`: the starter catalogue in its order, each test an administrator defined replacing its entry, new tests after by code. */
export const catalogueBody = (starter: readonly TestDefinition[], defined: readonly DefinedTest[], position: number) => {
  const byCode = new Map(defined.map((d) => [d.code, d]));
  const entry = (d: DefinedTest): CatalogueEntry => ({
    ...d.definition,
    origin: 'defined',
    definedBy: d.definedBy,
    definedAt: d.definedAt,
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
