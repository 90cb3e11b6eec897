import { expect } from 'chai';
import {
  AT,
  after,
  capture,
  CLERK,
  DRAFT,
  eur,
  given,
  invoiced,
  ON,
  onlyEvent,
  openOf,
  pay,
  refusalOf,
  reverseWriteOff,
  statusOf,
  text,
  usd,
  writeOff,
} from './account.fixtures.js';

const partlyPaid = after(invoiced, pay('payment-1', usd(14000)));
const writtenOff = after(partlyPaid, writeOff('write-off-1', usd(1000)));

describe('Billing account', () => {
  describe('when a balance is written off', () => {
    it('records the amount and its reason code', () =>
      given(partlyPaid)
        .when(writeOff('write-off-1', usd(1000)))
        .then([
          {
            type: 'WrittenOff',
            data: {
              writeOffId: 'write-off-1',
              invoiceId: DRAFT,
              amount: usd(1000),
              reasonCode: 'small-balance',
              on: ON,
              by: CLERK,
              at: AT,
            },
          },
        ]));
    it('keeps the note', () =>
      expect(
        onlyEvent(partlyPaid, { ...writeOff('write-off-1', usd(1000)), note: text('Under the small-balance threshold') }, 'WrittenOff'),
      )
        .to.have.property('note')
        .that.equals('Under the small-balance threshold'));
    it('settles the invoice when it covers what is open', () => {
      expect(openOf(writtenOff)).to.equal(0);
      expect(statusOf(writtenOff)).to.equal('paid');
    });
    it('leaves the rest owing when it covers part of it', () => {
      const part = after(invoiced, writeOff('write-off-1', usd(5000)));
      expect(openOf(part)).to.equal(10000);
      expect(statusOf(part)).to.equal('partially-paid');
    });
    it('refuses more than is open with 422 EXCEEDS_OPEN_BALANCE naming the field', () =>
      expect(refusalOf(partlyPaid, writeOff('write-off-1', usd(1001)))).to.deep.include({
        kind: 'invariant',
        code: 'EXCEEDS_OPEN_BALANCE',
        problems: [{ path: 'body.amount', rule: 'must be at most 1000 (the open balance, in minor units)' }],
      }));
    it('refuses a paid invoice with 409 INVOICE_PAID', () =>
      expect(refusalOf(after(invoiced, pay('payment-1', usd(15000))), writeOff('write-off-1', usd(100)))).to.include({
        kind: 'conflict',
        code: 'INVOICE_PAID',
      }));
    it('records nothing when the same write-off is sent again', () =>
      given(writtenOff)
        .when(writeOff('write-off-1', usd(1000)))
        .then([]));
    it('refuses 0 with 422 AMOUNT_NOT_POSITIVE', () =>
      given(partlyPaid)
        .when(writeOff('write-off-1', usd(0)))
        .thenFails('AMOUNT_NOT_POSITIVE'));
    it('refuses another currency with 422 CURRENCY_MISMATCH naming the field', () =>
      expect(refusalOf(partlyPaid, writeOff('write-off-1', eur(100))).problems).to.deep.equal([
        { path: 'body.amount.currency', rule: 'must be USD' },
      ]));
    it('refuses a draft with 422 INVOICE_NOT_ISSUED', () =>
      given(after([], capture('charge-1', 15000)))
        .when(writeOff('write-off-1', usd(100)))
        .thenFails('INVOICE_NOT_ISSUED'));
    it('refuses an unknown invoice with 404 INVOICE_NOT_FOUND', () =>
      given(invoiced)
        .when(writeOff('write-off-1', usd(100), 'invoice-9'))
        .thenFails('INVOICE_NOT_FOUND'));
  });

  describe('when a write-off is reversed', () => {
    it('records why', () =>
      given(writtenOff)
        .when(reverseWriteOff('write-off-1'))
        .then([
          {
            type: 'WriteOffReversed',
            data: { writeOffId: 'write-off-1', reason: text('Written off by mistake'), on: ON, by: CLERK, at: AT },
          },
        ]));
    it('makes the amount owed again', () => {
      const reversed = after(writtenOff, reverseWriteOff('write-off-1'));
      expect(openOf(reversed)).to.equal(1000);
      expect(statusOf(reversed)).to.equal('partially-paid');
    });
    it('lets the balance be written off again', () =>
      expect(openOf(after(writtenOff, reverseWriteOff('write-off-1'), writeOff('write-off-2', usd(1000))))).to.equal(0));
    it('records nothing when reversed again', () =>
      given(after(writtenOff, reverseWriteOff('write-off-1')))
        .when(reverseWriteOff('write-off-1'))
        .then([]));
    it('refuses an unknown write-off with 404 WRITE_OFF_NOT_FOUND', () =>
      expect(refusalOf(writtenOff, reverseWriteOff('write-off-9'))).to.include({ kind: 'not-found', code: 'WRITE_OFF_NOT_FOUND' }));
  });
});
