import {
  toIsoDateTime,
  wireType,
  WrongExpectedVersionError,
  type CommandContext,
  type EventStore,
  type IdGenerator,
} from '@hcms/shared-kernel';
import { invoiceRegisterStream, registerEvents } from '../contract.js';
import { invoiceNumber } from '../domain/register/invoice-register.events.js';

export interface NumberRequest {
  readonly invoiceId: string;
  readonly patientId: string;
  readonly issuedOn: string;
  readonly dueOn: string;
}

/** Gives invoices their numbers: gapless per year, one per invoice. */
export interface InvoiceNumbers {
  /** The invoice's number in its year's register: the one it was given already, or the next. */
  numberFor(request: NumberRequest, ctx: CommandContext): Promise<string>;
}

const MAX_ATTEMPTS = 50;

interface Year {
  version: number;
  readonly numbers: Map<string, number>;
}

/**
 * The register of each year is a stream whose event versions are the numbers. This process
 * keeps what it has read of it and reads only what was added since, then appends on the version
 * it saw: another process's number in between is read and the append tried again, and an invoice
 * that has a number (an issue interrupted and retried) gets that one back.
 */
export const invoiceRegister = (store: EventStore, ids: IdGenerator): InvoiceNumbers => {
  const years = new Map<number, Year>();
  const caughtUp = async (year: number): Promise<Year> => {
    const known = years.get(year) ?? { version: 0, numbers: new Map<string, number>() };
    years.set(year, known);
    const added = await store.readStream(invoiceRegisterStream(year), { fromVersion: known.version + 1 });
    for (const event of added) {
      known.numbers.set((event.data as { invoiceId: string }).invoiceId, event.version);
      known.version = event.version;
    }
    return known;
  };
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    numberFor: (request, ctx) =>
      serial(async () => {
        const year = Number(request.issuedOn.slice(0, 4));
        // Each conflict is another process's number, read before trying again: only a register that
        // moves faster than this process can read it (or one rewritten under it) exhausts the attempts.
        for (let attempt = 1; ; attempt++) {
          if (attempt > MAX_ATTEMPTS) throw new Error(`no number for invoice ${request.invoiceId} after ${MAX_ATTEMPTS} attempts`);
          const register = await caughtUp(year);
          const given = register.numbers.get(request.invoiceId);
          if (given !== undefined) return invoiceNumber(year, given);
          const event = {
            id: ids.next(),
            type: wireType(registerEvents, 'InvoiceNumberAssigned'),
            data: { ...request, year, by: ctx.actor.id, at: toIsoDateTime(ctx.now) },
            metadata: {
              actor: ctx.actor,
              correlationId: ctx.correlationId,
              causationId: ctx.causationId ?? ctx.correlationId,
              schemaVersion: registerEvents.schemaVersion,
              patientId: request.patientId,
            },
          };
          try {
            await store.append(invoiceRegisterStream(year), [event], register.version === 0 ? 'no-stream' : register.version);
          } catch (error) {
            if (!(error instanceof WrongExpectedVersionError)) throw error;
          }
        }
      }),
  };
};
