import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { conflict, defineRoute, notFound, Uuid, type DomainError, type EventStore, type Route } from '@hcms/shared-kernel';
import { MinPosition } from '../query-params.js';
import { readById, readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { invoiceSummaries } from './account-view.js';
import type { BillingAccountDoc } from './billing-account.doc.js';
import type { BillingReadPorts } from './billing-documents.js';
import { billingInvoiceProjection, type InvoiceEntry } from './billing-invoice.projection.js';
import {
  accountAnswer,
  BILLING_STAFF,
  BILLING_TAGS,
  PatientParams,
  readAccount,
  recordedAccount,
  STAFF_AND_PATIENT,
  type AccountRead,
} from './billing-route-kit.js';
import { accountOf } from './billing.query.js';
import { ACCOUNTS, answerWith, patientOfAnswer, PDF, reproduceWith, type Rendering } from './document-answer.js';
import { invoiceView, type InvoiceView } from './invoice-view.js';

const INVOICES = billingInvoiceProjection.name;
const noInvoice = notFound('INVOICE_NOT_FOUND', 'no such invoice');
const draftHasNoPdf = conflict('INVOICE_NOT_ISSUED', 'an invoice has a PDF once it is numbered: a draft, or one being issued, has none');

const rendering: Rendering<InvoiceView> = {
  json: (view, version, position) => ({ ...view, version, position }),
  pdf: (documents, view, patient) => documents.invoicePdf(view, patient),
};

/** The invoice of the account by that id, unless it is a draft and a PDF is asked for. */
const invoiceOf = (doc: BillingAccountDoc, invoiceId: string, accept: string): E.Either<DomainError, InvoiceView> => {
  const view = invoiceView(doc, invoiceId);
  if (!view) return E.left(noInvoice);
  return (view.status === 'draft' || view.status === 'issuing') && accept.includes(PDF) ? E.left(draftHasNoPdf) : E.right(view);
};

/** A patient's invoices, one of them (JSON or PDF), and an issued invoice found by its id alone. */
export const invoiceRoutes = (deps: ReadModelDeps, store: Pick<EventStore, 'readStream'>, ports: BillingReadPorts): Route[] => {
  const read = readAccount(deps);
  const recorded = recordedAccount(store);
  const recordedInvoice = async (patientId: string, invoiceId: string, versions: Readonly<Record<string, number>>) => {
    const doc = await recorded(patientId, versions);
    return doc && invoiceView(doc, invoiceId);
  };
  return [
    defineRoute({
      method: 'GET',
      path: '/patients/:patientId/invoices',
      summary:
        "A patient's numbered invoices (issued, and voided: their numbers stay used), by number, each with its status and what it still owes",
      tags: BILLING_TAGS,
      roles: STAFF_AND_PATIENT,
      params: PatientParams,
      query: MinPosition,
      patientOf: ({ params }) => params.patientId,
      audit: {
        resource: 'Invoice',
        keepQuery: ['minPosition'],
        reproduce: async ({ params, positions, versions }) => {
          const doc = await recorded(params['patientId'] ?? '', versions);
          return (
            doc && { patientId: doc.patientId, items: invoiceSummaries(doc), version: doc.version, position: positions[ACCOUNTS] ?? 0 }
          );
        },
      },
      errors: [503],
      handle: async ({ params, query }) => {
        const account = await read(params.patientId, query.minPosition);
        return E.map((shown: AccountRead) =>
          accountAnswer(shown, {
            patientId: params.patientId,
            items: invoiceSummaries(shown.found.doc),
            version: shown.found.version,
            position: shown.position,
          }),
        )(account);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/patients/:patientId/invoices/:invoiceId',
      summary:
        'One invoice of a patient (a draft too): lines, totals, what it still owes, and every dated payment, release, adjustment and write-off on it. With `Accept: application/pdf`, the invoice as a PDF; a draft has none (409 INVOICE_NOT_ISSUED)',
      tags: BILLING_TAGS,
      roles: STAFF_AND_PATIENT,
      params: t.type({ patientId: Uuid, invoiceId: Uuid }),
      query: MinPosition,
      patientOf: ({ params }) => params.patientId,
      produces: [PDF],
      audit: {
        resource: 'Invoice',
        keepQuery: ['minPosition'],
        reproduce: async ({ params, positions, versions }) => {
          const patientId = params['patientId'] ?? '';
          const view = await recordedInvoice(patientId, params['invoiceId'] ?? '', versions);
          return view && reproduceWith(store, ports, rendering, view, { positions, versions, patientId });
        },
      },
      errors: [404, 409, 503],
      handle: async ({ params, query, accept }) => {
        const { patientId, invoiceId } = params;
        const account = await read(patientId, query.minPosition);
        if (E.isLeft(account)) return account;
        const { found, position } = account.right;
        const view = invoiceOf(found.doc, invoiceId, accept);
        if (E.isLeft(view)) return view;
        const shown = { patientId, accept, minPosition: query.minPosition, version: found.version, position };
        return answerWith(deps, ports, rendering, view.right, shown);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/invoices/:invoiceId',
      summary:
        'An issued invoice found by its id alone (a draft is read under its patient): the same answer as under its patient, `Accept: application/pdf` included',
      tags: BILLING_TAGS,
      roles: BILLING_STAFF,
      params: t.type({ invoiceId: Uuid }),
      query: MinPosition,
      produces: [PDF],
      audit: {
        resource: 'Invoice',
        keepQuery: ['minPosition'],
        patientsIn: patientOfAnswer,
        reproduce: async ({ params, positions, versions }) => {
          const patientId = Object.keys(versions).find((key) => Uuid.is(key));
          const view = patientId === undefined ? undefined : await recordedInvoice(patientId, params['invoiceId'] ?? '', versions);
          return view && reproduceWith(store, ports, rendering, view, { positions, versions, patientId: view.patientId });
        },
      },
      errors: [404, 409, 503],
      handle: async ({ params, query, accept }) => {
        const [entries, accounts] = await Promise.all([
          readYourWrites(deps, INVOICES, query.minPosition),
          readYourWrites(deps, ACCOUNTS, query.minPosition),
        ]);
        if (E.isLeft(entries)) return entries;
        if (E.isLeft(accounts)) return accounts;
        const entry = await readById<InvoiceEntry>(deps, billingInvoiceProjection, params.invoiceId, entries.right);
        if (!entry) return E.left(noInvoice);
        const { patientId } = entry.doc;
        const found = await accountOf(deps, patientId, accounts.right);
        const view = invoiceOf(found.doc, params.invoiceId, accept);
        if (E.isLeft(view)) return view;
        return answerWith(deps, ports, rendering, view.right, {
          patientId,
          accept,
          minPosition: query.minPosition,
          version: found.version,
          position: accounts.right,
          consulted: { [INVOICES]: entries.right },
        });
      },
    }),
  ];
};
