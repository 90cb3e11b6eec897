import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import type { Clock, DomainError, RouteResponse } from '@hcms/shared-kernel';
import { OTHER_PATIENT, PATIENT } from '../encounters/encounter.fixtures.js';
import { patientDetailProjection } from '../patient-detail/patient-detail.projection.js';
import { bodyOf, caller, memoryReadModels, patientEventsOf, statusOf } from '../read-models.fixtures.js';
import { billingAccountProjection } from './billing-account.projection.js';
import type { BillingDocuments, BillingReadPorts } from './billing-documents.js';
import { billingInvoiceProjection } from './billing-invoice.projection.js';
import { accountLog, feeSet, id, invoiced, paid, quarter, usd } from './billing.fixtures.js';
import { billingQueryRoutes } from './billing.routes.js';
import { PDF } from './document-answer.js';
import { feeScheduleProjection } from './fee-schedule.projection.js';

/** A renderer that writes what it was given as JSON: enough to see what each document holds. */
const documents: BillingDocuments = {
  invoicePdf: async (invoice, patient) =>
    Buffer.from(JSON.stringify({ document: 'invoice', number: invoice.number, open: invoice.open, patient })),
  statementPdf: async (statement, patient) =>
    Buffer.from(JSON.stringify({ document: 'statement', asOf: statement.asOf, balanceDue: statement.balanceDue, patient })),
};
const ports: BillingReadPorts = { documents, currency: 'USD', dateOf: (instant) => instant.slice(0, 10) };
/** The day audit entries are recorded on in `reproduced`. */
const clock: Clock = { now: () => new Date('2026-03-02T10:00:00.000Z') };

const { deps, store, record, stalled } = memoryReadModels();
record(patientEventsOf(PATIENT), patientDetailProjection);
record(patientEventsOf(OTHER_PATIENT), patientDetailProjection);
record(accountLog(PATIENT, quarter), billingAccountProjection, billingInvoiceProjection);
record(
  accountLog(OTHER_PATIENT, [
    ...invoiced(30, 12_000, '2026-01-15', '2026-02-14'),
    paid(id('pay', 30), 'cash', 2_000, '2026-03-02', [[id('inv', 30), 2_000]]),
  ]),
  billingAccountProjection,
  billingInvoiceProjection,
);
record([feeSet('99213', 15_000, '2026-01-01', 1), feeSet('99213', 16_000, '2026-07-01', 2)], feeScheduleProjection);

const routes = billingQueryRoutes(deps, store, clock, ports);
const { call, reproduced } = caller(routes);
const CLERK = 'clerk-1';
const bytes = (answer: E.Either<DomainError, RouteResponse>) => (E.isRight(answer) ? (answer.right.body as Buffer) : Buffer.alloc(0));
const pdfOf = (answer: E.Either<DomainError, RouteResponse>) => JSON.parse(bytes(answer).toString('utf8')) as Record<string, unknown>;

describe("Reading patients' accounts", () => {
  afterEach(() => stalled.splice(0));

  describe('an account', () => {
    it('shows staff and the patient what is owed, the credit, invoices, drafts and money, and is rebuilt from the log as shown', async () => {
      const params = { patientId: PATIENT };
      for (const [role, who] of [
        ['billing-clerk', CLERK],
        ['patient', PATIENT],
      ] as const) {
        const answered = await call('/patients/:patientId/account', params, role, who);
        const body = bodyOf(answered.answer);
        expect(body).to.deep.include({ balanceDue: usd(0), credit: usd(3_000), version: quarter.length, position: 42 });
        expect((body['invoices'] as { number: string; status: string }[]).map((i) => [i.number, i.status])).to.deep.equal([
          ['2026-000001', 'paid'],
          ['2026-000002', 'paid'],
        ]);
        expect(body['drafts']).to.deep.equal([
          {
            invoiceId: id('inv', 3),
            group: 'account',
            total: usd(0),
            waitingForPrice: 1,
            charges: [
              {
                chargeId: id('chg', 4),
                code: '80053',
                description: 'Service 80053',
                serviceDate: '2026-03-12',
                quantity: 1,
                priced: false,
              },
            ],
          },
        ]);
        expect((body['payments'] as { paymentId: string }[]).map((p) => p.paymentId)).to.deep.equal([
          id('pay', 1),
          id('pay', 2),
          id('pay', 3),
        ]);
        expect(await reproduced(answered, params, role)).to.deep.equal(body);
      }
    });

    it('is empty for a patient nothing was charged to yet', async () => {
      const { answer } = await call('/patients/:patientId/account', { patientId: id('inv', 99) }, 'admin', CLERK);
      expect(bodyOf(answer)).to.deep.include({ balanceDue: usd(0), credit: usd(0), invoices: [], version: 0 });
    });

    it('is unavailable while its read model is behind', async () => {
      stalled.push(billingAccountProjection.name);
      expect(statusOf((await call('/patients/:patientId/account', { patientId: PATIENT }, 'billing-clerk', CLERK)).answer)).to.equal(
        'unavailable',
      );
    });
  });

  describe('who may read', () => {
    it('is never a clinician: they see no amounts', () => {
      expect(routes.filter((r) => r.roles.includes('clinician')).map((r) => r.path)).to.deep.equal([]);
    });

    it('is a patient on their own account only; the reports, the schedule and invoices by id alone are for staff', () => {
      const patients = routes.filter((r) => r.roles.includes('patient'));
      expect(patients.map((r) => r.path)).to.have.members([
        '/patients/:patientId/account',
        '/patients/:patientId/invoices',
        '/patients/:patientId/invoices/:invoiceId',
        '/patients/:patientId/statement',
      ]);
      for (const route of patients)
        expect(route.patientOf?.({ params: { patientId: PATIENT }, query: {}, body: undefined })).to.equal(PATIENT);
      for (const route of routes) expect(route.roles).to.include.members(['billing-clerk', 'admin', 'auditor']);
    });
  });

  describe('an invoice', () => {
    const params = { patientId: PATIENT, invoiceId: id('inv', 2) };

    it('shows its lines and every dated movement, and is rebuilt from the log as shown', async () => {
      const answered = await call('/patients/:patientId/invoices/:invoiceId', params, 'patient', PATIENT);
      const body = bodyOf(answered.answer);
      expect(body).to.deep.include({ number: '2026-000002', status: 'paid', open: usd(0), credits: usd(2_000) });
      expect((body['movements'] as { kind: string }[]).map((m) => m.kind)).to.deep.equal([
        'payment',
        'refund-release',
        'credit-note',
        'write-off',
        'write-off-reversal',
        'payment',
      ]);
      expect(await reproduced(answered, params, 'patient')).to.deep.equal(body);
    });

    it('answers application/pdf with its PDF, addressed to the patient from their chart, and makes the same again from the log', async () => {
      const answered = await call('/patients/:patientId/invoices/:invoiceId', params, 'billing-clerk', CLERK, {}, PDF);
      expect(E.isRight(answered.answer) && answered.answer.right.contentType).to.equal(PDF);
      expect(pdfOf(answered.answer)).to.deep.equal({
        document: 'invoice',
        number: '2026-000002',
        open: usd(0),
        patient: { name: 'Ada Lovelace', mrn: 'MRN-1' },
      });
      expect(await reproduced(answered, params, 'billing-clerk')).to.deep.equal(bytes(answered.answer));
      expect(answered.route.produces).to.deep.equal([PDF]);
    });

    it('is a draft with no PDF yet (409), not there under another patient (404), nor when it does not exist', async () => {
      const draft = { patientId: PATIENT, invoiceId: id('inv', 3) };
      expect(bodyOf((await call('/patients/:patientId/invoices/:invoiceId', draft, 'billing-clerk', CLERK)).answer)).to.deep.include({
        status: 'draft',
      });
      const asPdf = (await call('/patients/:patientId/invoices/:invoiceId', draft, 'billing-clerk', CLERK, {}, PDF)).answer;
      expect(E.isLeft(asPdf) && [asPdf.left.kind, asPdf.left.code]).to.deep.equal(['conflict', 'INVOICE_NOT_ISSUED']);
      const elsewhere = { patientId: OTHER_PATIENT, invoiceId: id('inv', 2) };
      expect(statusOf((await call('/patients/:patientId/invoices/:invoiceId', elsewhere, 'billing-clerk', CLERK)).answer)).to.equal(
        'not-found',
      );
      expect(statusOf((await call('/invoices/:invoiceId', { invoiceId: id('inv', 77) }, 'billing-clerk', CLERK)).answer)).to.equal(
        'not-found',
      );
    });

    it('is found by its id alone, its patient named for the audit whether JSON or PDF, and rebuilt from the log as shown', async () => {
      const byId = { invoiceId: id('inv', 30) };
      const json = await call('/invoices/:invoiceId', byId, 'auditor', CLERK);
      const pdf = await call('/invoices/:invoiceId', byId, 'auditor', CLERK, {}, PDF);
      expect(bodyOf(json.answer)).to.deep.include({ patientId: OTHER_PATIENT, number: '2026-000030', open: usd(10_000) });
      expect(pdfOf(pdf.answer)).to.deep.include({ number: '2026-000030' });
      for (const { route, answer } of [json, pdf]) {
        const body = E.isRight(answer) ? answer.right.body : undefined;
        expect(route.audit !== 'no-patient-data' && route.audit.patientsIn?.(body)).to.deep.equal([OTHER_PATIENT]);
      }
      expect(await reproduced(json, byId, 'auditor')).to.deep.equal(bodyOf(json.answer));
      expect(await reproduced(pdf, byId, 'auditor')).to.deep.equal(bytes(pdf.answer));
    });

    it('is listed with the others of its patient', async () => {
      const { answer } = await call('/patients/:patientId/invoices', { patientId: OTHER_PATIENT }, 'patient', OTHER_PATIENT);
      expect((bodyOf(answer)['items'] as { number: string; open: unknown }[]).map((i) => [i.number, i.open])).to.deep.equal([
        ['2026-000030', usd(10_000)],
      ]);
    });

    it('has no PDF where no renderer is wired (503)', async () => {
      const bare = caller(billingQueryRoutes(deps, store, clock, { currency: 'USD', dateOf: ports.dateOf }));
      const answer = (await bare.call('/patients/:patientId/invoices/:invoiceId', params, 'admin', CLERK, {}, PDF)).answer;
      expect(E.isLeft(answer) && [answer.left.kind, answer.left.code]).to.deep.equal(['unavailable', 'PDF_UNAVAILABLE']);
    });
  });

  describe('a statement', () => {
    it('is as of the day asked, or today, as JSON or PDF, and rebuilt from the log as shown', async () => {
      const params = { patientId: PATIENT };
      const asked = await call('/patients/:patientId/statement', params, 'patient', PATIENT, { asOf: '2026-03-06' });
      expect(bodyOf(asked.answer)).to.deep.include({ asOf: '2026-03-06', balanceDue: usd(5_000), credit: usd(0) });
      expect(await reproduced(asked, params, 'patient', { asOf: '2026-03-06' })).to.deep.equal(bodyOf(asked.answer));
      const today = await call('/patients/:patientId/statement', params, 'billing-clerk', CLERK);
      expect(bodyOf(today.answer)).to.deep.include({ asOf: '2026-03-02', balanceDue: usd(4_000) });
      expect(await reproduced(today, params, 'billing-clerk')).to.deep.equal(bodyOf(today.answer));
      const pdf = await call('/patients/:patientId/statement', params, 'patient', PATIENT, { asOf: '2026-03-06' }, PDF);
      expect(pdfOf(pdf.answer)).to.deep.include({ document: 'statement', asOf: '2026-03-06', balanceDue: usd(5_000) });
      expect(await reproduced(pdf, params, 'patient', { asOf: '2026-03-06' })).to.deep.equal(bytes(pdf.answer));
    });
  });
});

describe("Billing's reports and fee schedule", () => {
  it('age what is owed as of a day, naming each patient listed for the audit, and are rebuilt from the log as shown', async () => {
    const answered = await call('/billing/reports/aging', {}, 'billing-clerk', CLERK, { asOf: '2026-03-02' });
    const body = bodyOf(answered.answer);
    expect(body).to.deep.include({ asOf: '2026-03-02', total: usd(14_000), count: 2 });
    expect((body['buckets'] as { bucket: string; total: unknown }[]).map((b) => [b.bucket, b.total])).to.deep.equal([
      ['0-30', usd(14_000)],
      ['31-60', usd(0)],
      ['61-90', usd(0)],
      ['90+', usd(0)],
    ]);
    const { route } = answered;
    expect(route.audit !== 'no-patient-data' && route.audit.patientsIn?.(body)).to.deep.equal([PATIENT, OTHER_PATIENT]);
    expect(await reproduced(answered, {}, 'billing-clerk', { asOf: '2026-03-02' })).to.deep.equal(body);
  });

  it("count a day's takings, and are rebuilt from the log as shown", async () => {
    const answered = await call('/billing/reports/takings', {}, 'admin', CLERK, { date: '2026-03-10' });
    expect((bodyOf(answered.answer)['totals'] as Record<string, unknown>)['net']).to.deep.equal(usd(7_000));
    expect(await reproduced(answered, {}, 'admin', { date: '2026-03-10' })).to.deep.equal(bodyOf(answered.answer));
    const today = await call('/billing/reports/takings', {}, 'admin', CLERK);
    expect(bodyOf(today.answer)).to.deep.include({ date: '2026-03-02' });
    expect((bodyOf(today.answer)['totals'] as Record<string, unknown>)['received']).to.deep.equal(usd(2_000));
  });

  it('list each service code with its prices, and tell one code’s price in force today; an unknown code is not found', async () => {
    const list = await call('/billing/fees', {}, 'billing-clerk', CLERK);
    const items = bodyOf(list.answer)['items'] as { code: string; prices: { effectiveFrom: string }[] }[];
    expect(items.map((i) => [i.code, i.prices.map((p) => p.effectiveFrom)])).to.deep.equal([['99213', ['2026-01-01', '2026-07-01']]]);
    const one = bodyOf((await call('/billing/fees/:code', { code: '99213' }, 'auditor', CLERK)).answer);
    expect(one).to.deep.include({ code: '99213', version: 2 });
    expect((one['current'] as { price: unknown }).price).to.deep.equal(usd(15_000));
    expect(statusOf((await call('/billing/fees/:code', { code: '99999' }, 'auditor', CLERK)).answer)).to.equal('not-found');
  });
});
