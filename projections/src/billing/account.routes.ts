import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, IsoDate, type Clock, type EventStore, type Route } from '@hcms/shared-kernel';
import { MinPosition } from '../query-params.js';
import type { ReadModelDeps } from '../read-model-deps.js';
import { accountBody } from './account-view.js';
import type { BillingReadPorts } from './billing-documents.js';
import {
  accountAnswer,
  BILLING_TAGS,
  PatientParams,
  readAccount,
  recordedAccount,
  STAFF_AND_PATIENT,
  type AccountRead,
} from './billing-route-kit.js';
import { ACCOUNTS, answerWith, PDF, reproduceWith, type Rendering } from './document-answer.js';
import { statementOf, type StatementView } from './statement.js';

const statementRendering: Rendering<StatementView> = {
  json: (view, version, position) => ({ ...view, version, position }),
  pdf: (documents, view, patient) => documents.statementPdf(view, patient),
};

/** A patient's account as it stands, and their statement as of a day. */
export const accountRoutes = (
  deps: ReadModelDeps,
  store: Pick<EventStore, 'readStream'>,
  clock: Clock,
  ports: BillingReadPorts,
): Route[] => {
  const read = readAccount(deps);
  const recorded = recordedAccount(store);
  return [
    defineRoute({
      method: 'GET',
      path: '/patients/:patientId/account',
      summary:
        "A patient's account: what the issued invoices still owe (`balanceDue`) and the credit, each invoice with its status and open amount, the drafts gathering charges (priced, or waiting for a price), and every payment with where it went, refund, write-off and claim. Amounts are in minor units",
      tags: BILLING_TAGS,
      roles: STAFF_AND_PATIENT,
      params: PatientParams,
      query: MinPosition,
      patientOf: ({ params }) => params.patientId,
      audit: {
        resource: 'Account',
        keepQuery: ['minPosition'],
        reproduce: async ({ params, positions, versions }) => {
          const doc = await recorded(params['patientId'] ?? '', versions);
          return doc && accountBody(doc, ports.currency, positions[ACCOUNTS] ?? 0);
        },
      },
      errors: [503],
      handle: async ({ params, query }) => {
        const account = await read(params.patientId, query.minPosition);
        return E.map((shown: AccountRead) => accountAnswer(shown, accountBody(shown.found.doc, ports.currency, shown.position)))(account);
      },
    }),
    defineRoute({
      method: 'GET',
      path: '/patients/:patientId/statement',
      summary:
        "A patient's statement as of the end of a day (`asOf`, default the clinic's today): the invoices issued by then with what each still owed that day, the payments and refunds up to it, the credit and the balance due; later movements are ignored. With `Accept: application/pdf`, the statement as a PDF",
      tags: BILLING_TAGS,
      roles: STAFF_AND_PATIENT,
      params: PatientParams,
      query: t.intersection([t.partial({ asOf: IsoDate }), MinPosition]),
      patientOf: ({ params }) => params.patientId,
      produces: [PDF],
      audit: {
        resource: 'Account',
        keepQuery: ['minPosition', 'asOf'],
        // Without `asOf`, the day the entry was recorded on: the day the answer was made.
        reproduce: async ({ params, query, positions, versions, at }) => {
          const patientId = params['patientId'] ?? '';
          const doc = await recorded(patientId, versions);
          const view = doc && statementOf(doc, query['asOf'] ?? ports.dateOf(at), ports.currency);
          return view && reproduceWith(store, ports, statementRendering, view, { positions, versions, patientId });
        },
      },
      errors: [503],
      handle: async ({ params, query, accept }) => {
        const account = await read(params.patientId, query.minPosition);
        if (E.isLeft(account)) return account;
        const { found, position } = account.right;
        const asOf = query.asOf ?? ports.dateOf(clock.now().toISOString());
        return answerWith(deps, ports, statementRendering, statementOf(found.doc, asOf, ports.currency), {
          patientId: params.patientId,
          accept,
          minPosition: query.minPosition,
          version: found.version,
          position,
        });
      },
    }),
  ];
};
