import type { Clock, EventStore, Route } from '@hcms/shared-kernel';
import { patientDetailProjection } from './patient-detail/patient-detail.projection.js';
import { patientDetailRoutes } from './patient-detail/patient-detail.routes.js';
import { patientListProjection } from './patient-list/patient-list.projection.js';
import { patientListRoutes } from './patient-list/patient-list.routes.js';
import type { ReadModelDeps } from './read-model-deps.js';
import { readModelStatusRoutes } from './read-models.routes.js';
import type { Projection } from './runner/projection.js';
import { appointmentListProjection } from './appointment-list/appointment-list.projection.js';
import { appointmentQueryRoutes } from './calendar/appointment-queries.routes.js';
import { patientStatusProjection } from './patient-status/patient-status.projection.js';
import { providerDirectoryProjection } from './provider-directory/provider-directory.projection.js';
import { notificationContactsProjection } from './notification-contacts/notification-contacts.projection.js';
import { notificationListProjection } from './notification-list/notification-list.projection.js';
import { notificationQueryRoutes } from './notification-list/notification.routes.js';
import { pendingHoldsProjection } from './pending-holds/pending-holds.projection.js';
import { encounterDetailProjection } from './encounters/encounter-detail.projection.js';
import { patientEncountersProjection } from './encounters/patient-encounters.projection.js';
import { encounterQueryRoutes } from './encounters/encounter.routes.js';
import { clinicalChartRoutes } from './encounters/clinical-chart.routes.js';
import { labOrderProjection } from './lab/lab-order.projection.js';
import { parkedResultsProjection } from './lab/parked-results.projection.js';
import { labCatalogueProjection } from './lab/lab-catalogue.projection.js';
import { labQueryRoutes } from './lab/lab.routes.js';
import { labBenchRoutes } from './lab/lab-bench.routes.js';
import { billingAccountProjection } from './billing/billing-account.projection.js';
import { billingInvoiceProjection } from './billing/billing-invoice.projection.js';
import { feeScheduleProjection } from './billing/fee-schedule.projection.js';
import { defaultBillingPorts, type BillingReadPorts } from './billing/billing-documents.js';
import { billingQueryRoutes } from './billing/billing.routes.js';

export * from './runner/index.js';
export * from './read-model-deps.js';
export { patientListProjection, patientDetailProjection };
export type { PatientListItem } from './patient-list/patient-list.projection.js';
export type { PatientDetail } from './patient-detail/patient-detail.projection.js';
export { evolvePatientDetail } from './patient-detail/patient-detail.projection.js';
export { chartFromLog, type ChartAsOf, type ChartCut } from './patient-detail/patient-chart.js';

/** Every read model of the platform. */
// The runner treats documents as opaque; each projection is typed on its own.
const opaque = <Doc>(projection: Projection<Doc>): Projection<unknown> => projection as unknown as Projection<unknown>;
export const projections: readonly Projection<unknown>[] = [
  opaque(patientListProjection),
  opaque(patientDetailProjection),
  opaque(patientStatusProjection),
  opaque(appointmentListProjection),
  opaque(providerDirectoryProjection),
  opaque(notificationContactsProjection),
  opaque(notificationListProjection),
  opaque(pendingHoldsProjection),
  opaque(encounterDetailProjection),
  opaque(patientEncountersProjection),
  opaque(labOrderProjection),
  opaque(parkedResultsProjection),
  opaque(labCatalogueProjection),
  opaque(billingAccountProjection),
  opaque(billingInvoiceProjection),
  opaque(feeScheduleProjection),
];

/** `billing`: the installation's currency, business day and PDF renderer (without them: US dollars, UTC days, no PDF). */
export const queryRoutes = (
  deps: ReadModelDeps,
  store: Pick<EventStore, 'headPosition' | 'readStream'>,
  clock: Clock,
  billing: BillingReadPorts = defaultBillingPorts,
): Route[] => [
  ...patientListRoutes(deps),
  ...patientDetailRoutes(deps, store),
  ...appointmentQueryRoutes(deps, clock),
  ...notificationQueryRoutes(deps),
  ...encounterQueryRoutes(deps, store),
  ...clinicalChartRoutes(deps, store, clock),
  ...labQueryRoutes(deps, store),
  ...labBenchRoutes(deps, store),
  ...billingQueryRoutes(deps, store, clock, billing),
  ...readModelStatusRoutes(deps, store),
];
export { patientStatusProjection, appointmentListProjection, providerDirectoryProjection };
export type { PatientStatusDoc } from './patient-status/patient-status.projection.js';
export type { AppointmentView } from './appointment-list/appointment-list.projection.js';
export { notificationContactsProjection, notificationListProjection };
export type { ContactDoc } from './notification-contacts/notification-contacts.projection.js';
export type { NotificationView } from './notification-list/notification-list.projection.js';
export { pendingHoldsProjection, type PendingHoldsDoc } from './pending-holds/pending-holds.projection.js';
export { encounterDetailProjection, patientEncountersProjection };
export type { EncounterDetail, SignedVersion } from './encounters/encounter-detail.projection.js';
export type { EncounterSummary } from './encounters/patient-encounters.projection.js';
export { labOrderProjection, parkedResultsProjection, labCatalogueProjection };
export { OPEN_STATUSES, type LabOrderDoc, type LabOrderStatus, type LabReport, type CriticalAlert } from './lab/lab-order.doc.js';
export type { ParkedResultDoc, ParkedStatus } from './lab/parked-results.projection.js';
export type { DefinedTest } from './lab/lab-catalogue.projection.js';
export { labOrdersOf, labOrderWithAccession } from './lab/lab-order.query.js';
export { catalogueBody, type CatalogueEntry } from './lab/lab-views.js';
export { billingAccountProjection, billingInvoiceProjection, feeScheduleProjection };
export type { BillingAccountDoc, InvoiceMovement, CreditMovement, AccountHistory } from './billing/billing-account.doc.js';
export type { InvoiceEntry } from './billing/billing-invoice.projection.js';
export type { FeeScheduleEntry } from './billing/fee-schedule.projection.js';
export type { BillingDocuments, BillingReadPorts, PatientOnDocument } from './billing/billing-documents.js';
export type { InvoiceView, InvoiceLine } from './billing/invoice-view.js';
export type { StatementView } from './billing/statement.js';
