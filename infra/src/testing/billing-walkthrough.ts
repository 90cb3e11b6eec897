import { expect } from 'chai';
import type { Role } from '@hcms/shared-kernel';
import { eventually } from './fixtures.js';
import { pdfText } from './pdf-text.js';
import { openWalkIn } from './walk-in.js';

// Response bodies are asserted field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** The platform as a billing office sees it, wherever it runs. */
export interface BillingClient {
  call(
    method: string,
    path: string,
    body: unknown,
    token: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Body }>;
  /** A document as it is served (a PDF's bytes), by `Accept`. */
  download(path: string, token: string, accept: string): Promise<{ status: number; contentType: string; bytes: Buffer }>;
  token(role: Role, sub: string): Promise<string>;
  /** Billing's charge capture reads the whole log again from its start (its checkpoints dropped), until it has caught up. */
  replayChargeCapture(): Promise<void>;
}

const OFFICE_VISIT = '99213';
const GLUCOSE = '2345-7';
const usd = (amount: number) => ({ amount, currency: 'USD' });

/**
 * An encounter coded 99213 and its glucose test, from signature to a zero balance: exactly two
 * charges (the log replayed adds none), the invoice issued and its PDF read back as text, a
 * partial payment sent twice under one idempotency key, the aging report as of the invoice date,
 * and the rest written off.
 */
export const walkThroughEncounterToZeroBalance = async (client: BillingClient): Promise<void> => {
  const [desk, doctor, ann, bo, clerk, admin] = await Promise.all([
    client.token('receptionist', 'desk-billing'),
    client.token('clinician', 'dr-billing'),
    client.token('lab-technician', 'tech-ann'),
    client.token('lab-technician', 'tech-bo'),
    client.token('billing-clerk', 'clerk-billing'),
    client.token('admin', 'admin-billing'),
  ]);
  const ok = async (method: string, path: string, body: unknown, token: string, status = 200, headers?: Record<string, string>) => {
    const r = await client.call(method, path, body, token, headers);
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).to.equal(status);
    return r.body;
  };
  const today = new Date().toISOString().slice(0, 10);
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

  // The fee schedule: a price in force today, and a later one that must not touch today's charges.
  await ok(
    'PUT',
    `/billing/fees/${OFFICE_VISIT}`,
    { description: 'Office visit, established patient', price: usd(12000), effectiveFrom: '2020-01-01' },
    admin,
  );
  await ok(
    'PUT',
    `/billing/fees/${OFFICE_VISIT}`,
    { description: 'Office visit, established patient', price: usd(99900), effectiveFrom: tomorrow },
    admin,
  );
  await ok('PUT', `/billing/fees/${GLUCOSE}`, { description: 'Glucose, serum', price: usd(3000), effectiveFrom: '2020-01-01' }, admin);

  const registered = await ok(
    'POST',
    '/patients',
    { givenName: 'Bill', familyName: 'Payne', dateOfBirth: '1970-03-04', sex: 'male' },
    desk,
    201,
  );
  const patientId: string = registered.patientId;
  const encounter = await openWalkIn((...args) => client.call(...args), patientId, doctor, today);
  await ok('PUT', `${encounter}/note/assessment`, { text: 'Type 2 diabetes, stable.' }, doctor);
  await ok('POST', `${encounter}/diagnoses`, { code: 'E11.9' }, doctor, 201);
  const ordered = await ok('POST', `${encounter}/lab-orders`, { tests: [GLUCOSE], priority: 'routine' }, doctor, 201);

  // Nothing is billed before the signature.
  const account = `/patients/${patientId}/account`;
  const early = await client.call('GET', account, undefined, clerk);
  expect(early.body?.drafts?.flatMap?.((d: Body) => d.charges) ?? []).to.have.length(0);

  await ok('POST', `${encounter}/sign`, { evaluationAndManagement: OFFICE_VISIT, version: ordered.version }, doctor);

  // The laboratory finalises the glucose: collected, received, entered, verified by another technician.
  const order = `/patients/${patientId}/lab-orders/${ordered.labOrderId}`;
  await eventually(async () => (await client.call('GET', order, undefined, ann)).body?.status === 'ordered', 'the lab order', 15_000);
  const collected = await ok('POST', `${order}/specimens`, { specimenType: 'serum', collectedAt: new Date().toISOString() }, ann, 201);
  await ok('POST', `${order}/specimens/${collected.accessionNumber}/receive`, undefined, ann);
  const entered = await ok(
    'POST',
    `${order}/results`,
    { accessionNumber: collected.accessionNumber, results: [{ code: GLUCOSE, value: 95 }] },
    ann,
  );
  await ok('POST', `${order}/verify`, { version: entered.version }, bo);

  // Exactly two charges, on the encounter's draft, at today's prices.
  const charges = async (): Promise<Body[]> =>
    ((await client.call('GET', account, undefined, clerk)).body?.drafts ?? []).flatMap((d: Body) => d.charges);
  await eventually(async () => (await charges()).length >= 2, 'the two charges', 20_000);
  const captured = await charges();
  expect(captured.map((c: Body) => [c.code, c.amount?.amount]).sort()).to.deep.equal([
    [GLUCOSE, 3000],
    [OFFICE_VISIT, 12000],
  ]);
  const draft = (await ok('GET', account, undefined, clerk)).drafts[0];

  // The log replayed into charge capture adds none.
  await client.replayChargeCapture();
  expect(await charges()).to.have.length(2);

  // Issued: numbered, $150.00, immutable.
  const issued = await ok('POST', `/patients/${patientId}/invoices/${draft.invoiceId}/issue`, undefined, clerk);
  expect(issued.number).to.match(new RegExp(`^${today.slice(0, 4)}-\\d{6}$`));
  const again = await ok('POST', `/patients/${patientId}/invoices/${draft.invoiceId}/issue`, undefined, clerk);
  expect(again.number, 'issuing again answers the same number').to.equal(issued.number);
  const invoicePath = `/patients/${patientId}/invoices/${draft.invoiceId}`;
  await eventually(
    async () => (await client.call('GET', invoicePath, undefined, clerk)).body?.status === 'issued',
    'the issued invoice',
    15_000,
  );

  // Its PDF, read back as text.
  const pdf = await client.download(`/invoices/${draft.invoiceId}`, clerk, 'application/pdf');
  expect([pdf.status, pdf.contentType]).to.deep.equal([200, 'application/pdf']);
  const text = await pdfText(pdf.bytes);
  for (const expected of [issued.number, 'Bill Payne', OFFICE_VISIT, 'Office visit, established patient', GLUCOSE, '$150.00'])
    expect(text).to.contain(expected);

  // Bill pays online: pending, counting for nothing until billing hears from the card processor; declined.
  const own = await client.token('patient', patientId);
  const online = await ok('POST', `/patients/${patientId}/payments`, { method: 'card', amount: usd(1000) }, own, 202, {
    'idempotency-key': `online-${patientId}`,
  });
  expect(online.status).to.equal('pending');
  await ok('POST', `/patients/${patientId}/payments/${online.paymentId}/decline`, { reason: 'The card issuer declined it' }, clerk);

  // A partial payment, sent twice under one key (a retry): one payment. The key with another amount: 409.
  const key = { 'idempotency-key': `pay-${patientId}` };
  const paid = await ok('POST', `/patients/${patientId}/payments`, { method: 'card', amount: usd(10000) }, clerk, 201, key);
  const retried = await ok('POST', `/patients/${patientId}/payments`, { method: 'card', amount: usd(10000) }, clerk, 200, key);
  expect(retried.paymentId).to.equal(paid.paymentId);
  const reused = await client.call('POST', `/patients/${patientId}/payments`, { method: 'card', amount: usd(9000) }, clerk, key);
  expect([reused.status, reused.body.error]).to.deep.equal([409, 'IDEMPOTENCY_KEY_REUSED']);
  const partial = await ok('GET', `${invoicePath}?minPosition=${paid.position}`, undefined, clerk);
  expect([partial.status, partial.open.amount]).to.deep.equal(['partially-paid', 5000]);
  expect((await ok('GET', `${account}?minPosition=${paid.position}`, undefined, clerk)).payments).to.have.length(1);

  // The aging report as of the invoice date: $50.00 in 0-30.
  const aging = await ok('GET', `/billing/reports/aging?asOf=${today}&minPosition=${paid.position}`, undefined, clerk);
  const bucket = aging.buckets.find((b: Body) => b.bucket === '0-30');
  expect(bucket.total.amount).to.be.at.least(5000);
  const aged = aging.patients.find((p: Body) => p.patientId === patientId).invoices;
  expect(aged).to.have.length(1);
  expect(aged[0]).to.deep.include({ invoiceId: draft.invoiceId, number: issued.number, bucket: '0-30', open: usd(5000) });
  expect(aging.total.amount).to.equal(aging.buckets.reduce((t: number, b: Body) => t + b.total.amount, 0));

  // Clinicians see no amounts; the patient reads their own invoice.
  expect((await client.call('GET', account, undefined, doctor)).status).to.equal(403);
  expect((await client.call('GET', invoicePath, undefined, await client.token('patient', patientId))).status).to.equal(200);

  // The rest written off with a reason: nothing is owed.
  const written = await ok(
    'POST',
    `${invoicePath}/write-offs`,
    { amount: usd(5000), reasonCode: 'small-balance', note: 'Below collection threshold' },
    clerk,
    201,
  );
  const settled = await ok('GET', `${invoicePath}?minPosition=${written.position}`, undefined, clerk);
  expect([settled.status, settled.open.amount]).to.deep.equal(['paid', 0]);
  const finalAccount = await ok('GET', `${account}?minPosition=${written.position}`, undefined, clerk);
  expect(finalAccount.balanceDue.amount).to.equal(0);
};
