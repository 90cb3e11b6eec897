import * as E from 'fp-ts/lib/Either.js';
import { unavailable, type DomainError, type EventStore, type RecordedRead, type RouteResponse } from '@hcms/shared-kernel';
import { patientDetailProjection, type PatientDetail } from '../patient-detail/patient-detail.projection.js';
import { readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { billingAccountProjection } from './billing-account.projection.js';
import type { BillingDocuments, BillingReadPorts, PatientOnDocument } from './billing-documents.js';
import { addressee, addresseeAt, chartKey } from './billing-log.js';

export const PDF = 'application/pdf';
export const ACCOUNTS = billingAccountProjection.name;
const CHARTS = patientDetailProjection.name;

const noRenderer = unavailable('PDF_UNAVAILABLE', 'this installation renders no PDF documents');

/** Each document rendered here and the patient it is addressed to: a PDF does not say, and its audit entry must. */
const addressed = new WeakMap<object, string>();

/** The patient an answer concerns, for its audit entry: the JSON names them, a document was addressed to them. */
export const patientOfAnswer = (body: unknown): string[] => {
  if (typeof body !== 'object' || body === null) return [];
  const named = (body as { patientId?: unknown }).patientId;
  const patientId = typeof named === 'string' ? named : addressed.get(body);
  return patientId === undefined ? [] : [patientId];
};

/** How one view is answered: as JSON, or as a document the renderer makes of it. */
export interface Rendering<V> {
  readonly json: (view: V, version: number, position: number) => unknown;
  readonly pdf: (documents: BillingDocuments, view: V, patient: PatientOnDocument) => Promise<Buffer>;
}

export interface Shown {
  readonly patientId: string;
  readonly accept: string;
  readonly minPosition: number | undefined;
  /** The account's version shown, and the position its read model had applied. */
  readonly version: number;
  readonly position: number;
  /** Other read models consulted to find the account, with the position each had applied. */
  readonly consulted?: Readonly<Record<string, number>>;
}

/**
 * A view of a patient's account, as JSON or, when `Accept` asks for it, as a PDF addressed to the
 * patient (their name and MRN from their chart): the audit entry then records the chart's version
 * too, so the same document can be made again from the log.
 */
export const answerWith = async <V>(
  deps: ReadModelDeps,
  ports: BillingReadPorts,
  rendering: Rendering<V>,
  view: V,
  shown: Shown,
): Promise<E.Either<DomainError, RouteResponse>> => {
  const { patientId, version, position } = shown;
  const account = { positions: { ...shown.consulted, [ACCOUNTS]: position }, versions: { [patientId]: version } };
  if (!shown.accept.includes(PDF)) return E.right({ body: rendering.json(view, version, position), ...account });
  if (!ports.documents) return E.left(noRenderer);
  const charts = await readYourWrites(deps, CHARTS, shown.minPosition, { patientId });
  if (E.isLeft(charts)) return charts;
  const chart = await readById<PatientDetail>(deps, patientDetailProjection, patientId, charts.right);
  const pdf = await rendering.pdf(ports.documents, view, chart ? addressee(chart.doc) : { name: '', mrn: '' });
  addressed.set(pdf, patientId);
  return E.right({
    body: pdf,
    contentType: PDF,
    positions: { ...account.positions, [CHARTS]: charts.right },
    versions: { ...account.versions, [chartKey(patientId)]: chart?.version ?? 0 },
  });
};

/** What `answerWith` answered to a recorded request: the JSON, or the same PDF when the chart was read for one. */
export const reproduceWith = async <V>(
  store: Pick<EventStore, 'readStream'>,
  ports: BillingReadPorts,
  rendering: Rendering<V>,
  view: V,
  recorded: Pick<RecordedRead, 'positions' | 'versions'> & { readonly patientId: string },
): Promise<unknown> => {
  const { positions, versions, patientId } = recorded;
  const version = versions[patientId] ?? 0;
  if (positions[CHARTS] === undefined) return rendering.json(view, version, positions[ACCOUNTS] ?? 0);
  const patient = await addresseeAt(store, patientId, versions[chartKey(patientId)] ?? 0);
  return patient && ports.documents && rendering.pdf(ports.documents, view, patient);
};
