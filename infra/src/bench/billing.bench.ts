import { startApp, type RunningApp } from '../testing/running-app.js';
import { fmt, lanes, rate, ratio, timed, type Row } from './measure.js';

const ACCOUNTS = 100;
const PAYMENTS = 1000;
const LANES = 8;
const usd = (amount: number) => ({ amount, currency: 'USD' });

/** Accounts each with an issued invoice of $1,000.00, which the payments then pay off a dollar at a time. */
const invoicedAccounts = async (app: RunningApp): Promise<string[]> => {
  const [desk, clerk] = await Promise.all([app.token('receptionist', 'bench-desk'), app.token('billing-clerk', 'bench-clerk')]);
  const post = (path: string, body: unknown, token: string) => app.call('POST', path, { token, ...(body === undefined ? {} : { body }) });
  const accounts: string[] = [];
  // Each set its own patients: the same name and birth date twice would be a duplicate registration.
  const set = Math.random().toString(36).slice(2, 8);
  await lanes(LANES, ACCOUNTS, async (i) => {
    const registered = await post(
      '/patients',
      { givenName: 'Bench', familyName: `Billing${set}${i}`, dateOfBirth: '1970-01-01', sex: 'female' },
      desk,
    );
    const patientId = (registered.body as { patientId: string }).patientId;
    // Billing reads the patient from Patients' read model: a moment after registration.
    let charged: { invoiceId: string } | undefined;
    while (!charged) {
      const r = await post(`/patients/${patientId}/charges`, { code: '99213', serviceDate: '2026-01-05', unitPrice: usd(100_000) }, clerk);
      if (r.status === 201) charged = r.body as { invoiceId: string };
      else if (r.status !== 503 && r.status !== 404) throw new Error(`charge: ${r.status} ${JSON.stringify(r.body)}`);
    }
    const issued = await post(`/patients/${patientId}/invoices/${charged.invoiceId}/issue`, undefined, clerk);
    if (issued.status !== 200) throw new Error(`issue: ${issued.status} ${JSON.stringify(issued.body)}`);
    accounts.push(patientId);
  });
  return accounts;
};

/** `count` card payments of $1.00 spread over the accounts, `LANES` at a time; `key(i)` names each (or none). */
const pay = async (
  app: RunningApp,
  accounts: readonly string[],
  count: number,
  key: (i: number) => string | undefined,
  expected: number,
) => {
  const clerk = await app.token('billing-clerk', 'bench-clerk');
  await lanes(LANES, count, async (i) => {
    const k = key(i);
    const r = await app.call('POST', `/patients/${accounts[i % accounts.length] ?? ''}/payments`, {
      token: clerk,
      body: { method: 'card', amount: usd(100) },
      ...(k === undefined ? {} : { headers: { 'idempotency-key': k } }),
    });
    if (r.status !== expected) throw new Error(`payment: ${r.status} ${JSON.stringify(r.body)}`);
  });
};

/**
 * Payments over HTTP with idempotency keys (each allocated to the account's open invoice, the
 * account loaded, decided and appended), next to the same payments without keys in the same run;
 * then every one of them retried under its key, answered with the original and recording nothing.
 */
export const benchBilling = async (dir: string): Promise<Row[]> => {
  const app = await startApp(dir, { HCMS_DATA_DIR: dir });
  try {
    // Two sets of accounts alike, so both runs load accounts of the same length.
    const [plain, keyedAccounts] = [await invoicedAccounts(app), await invoicedAccounts(app)];
    const floor = rate(PAYMENTS, await timed(() => pay(app, plain, PAYMENTS, () => undefined, 201)));
    const run = `bench-${Date.now()}`;
    const keyed = (i: number) => `${run}-${i}`;
    const ours = rate(PAYMENTS, await timed(() => pay(app, keyedAccounts, PAYMENTS, keyed, 201)));
    const retried = rate(PAYMENTS, await timed(() => pay(app, keyedAccounts, PAYMENTS, keyed, 200)));
    return [
      {
        what: `payments with an Idempotency-Key over HTTP (${LANES} lanes, ${ACCOUNTS} accounts, allocated)`,
        ours: fmt(ours, 'payments/s'),
        floor: `${fmt(floor, 'payments/s')} (the same payments without a key)`,
        ratio: ratio(ours, floor),
      },
      {
        what: 'the same payments retried under their keys (the original answered, nothing recorded)',
        ours: fmt(retried, 'retries/s'),
        floor: `${fmt(floor, 'payments/s')} (payments without a key)`,
        ratio: ratio(retried, floor),
      },
    ];
  } finally {
    await app.stop();
  }
};
