import type { EventStore } from '@hcms/shared-kernel';
import { accountStream } from '@hcms/billing/contract';
import { patientStream } from '@hcms/patients/contract';
import { streamDocumentAt } from '../lab/lab-log.js';
import { chartFromLog } from '../patient-detail/patient-chart.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import { billingAccountProjection, emptyAccountDoc } from './billing-account.projection.js';
import type { PatientOnDocument } from './billing-documents.js';

/**
 * An audit entry records each account shown by patient id, and the chart a document was addressed
 * from under its stream's name: both are shown by the patient's id, and each is folded from its own log.
 */
export const chartKey = (patientId: string): string => patientStream(patientId);

/** The account as shown at `version`, folded from the log alone; undefined when the log does not reach it. */
export const accountAt = async (
  store: Pick<EventStore, 'readStream'>,
  patientId: string,
  version: number,
): Promise<BillingAccountDoc | undefined> =>
  version === 0 ? emptyAccountDoc(patientId) : streamDocumentAt(store, billingAccountProjection, accountStream(patientId), version);

/** Each account an audit entry recorded (every key but the charts'), as shown; undefined if any is not in the log. */
export const accountsAt = async (
  store: Pick<EventStore, 'readStream'>,
  versions: Readonly<Record<string, number>>,
): Promise<BillingAccountDoc[] | undefined> => {
  const docs: BillingAccountDoc[] = [];
  for (const [patientId, version] of Object.entries(versions)) {
    if (patientId.startsWith(chartKey(''))) continue;
    const doc = await accountAt(store, patientId, version);
    if (!doc) return undefined;
    docs.push(doc);
  }
  return docs;
};

/** How a patient is named on a document: from their chart, as it stood at `version` (0: no chart). */
export const addresseeAt = async (
  store: Pick<EventStore, 'readStream'>,
  patientId: string,
  version: number,
): Promise<PatientOnDocument | undefined> => {
  if (version === 0) return { name: '', mrn: '' };
  const chart = await chartFromLog(store, patientId, { version });
  return chart && chart.version === version ? addressee(chart.doc) : undefined;
};

export const addressee = (chart: { readonly mrn: string; readonly demographics: { givenName: string; familyName: string } }) => ({
  name: `${chart.demographics.givenName} ${chart.demographics.familyName}`,
  mrn: chart.mrn,
});
