import * as E from 'fp-ts/lib/Either.js';
import {
  gone,
  invariantViolated,
  notFound,
  conflict,
  unavailable,
  type CommandContext,
  type CommandResult,
  type DomainError,
} from '@hcms/shared-kernel';
import type { LabPriority, OrderSource } from '../domain/order/lab-order.values.js';
import { definitionsOf } from './catalogue.js';
import type { LaboratoryDeps } from './laboratory.deps.js';
import { handleLabOrderCommand } from './lab-order-command.handler.js';

export interface PlaceLabOrderRequest {
  readonly labOrderId: string;
  readonly patientId: string;
  readonly source: OrderSource;
  readonly tests: readonly string[];
  readonly priority: LabPriority;
  readonly note?: string;
  readonly orderingClinicianId?: string;
  /** Where the tests were named in the request, for refusals (`body.tests`). */
  readonly path?: string;
}

const STANDING_REFUSALS = {
  unknown: () => notFound('PATIENT_NOT_FOUND', 'no such patient'),
  erased: () => gone('PATIENT_ERASED', 'the patient’s record was erased'),
  inactive: () => conflict('PATIENT_INACTIVE', 'the patient’s record is deactivated'),
  deceased: () => conflict('PATIENT_INACTIVE', 'the patient is recorded as deceased'),
} as const;

/**
 * Places an order for tests of the catalogue, for a patient Patients knows as active. The
 * catalogue's definitions are read now: the order expects the analytes its panels have today.
 */
export const placeLabOrder =
  (deps: LaboratoryDeps) =>
  async (request: PlaceLabOrderRequest, ctx: CommandContext): Promise<E.Either<DomainError, CommandResult>> => {
    const path = request.path ?? 'body.tests';
    const { tests, members } = await definitionsOf(deps, request.tests);
    const unknown = request.tests.flatMap((code, i) =>
      tests.some((t) => t.code === code) ? [] : [{ path: `${path}.${i}`, rule: `${code} is not a test of the catalogue` }],
    );
    if (unknown.length > 0)
      return E.left(invariantViolated('UNKNOWN_TEST', 'a test ordered is not in the catalogue', { problems: unknown }));
    // An encounter's order was taken while Consultations held the patient active: it is carried out.
    if (request.source.kind === 'direct') {
      const patient = await deps.references.patient(request.patientId);
      if (patient === 'behind')
        return E.left(unavailable('REFERENCE_DATA_BEHIND', 'what this service knows of the patient is behind their record; retry shortly'));
      if (patient.standing !== 'active') return E.left(STANDING_REFUSALS[patient.standing]());
    }
    return handleLabOrderCommand(deps)(
      request.labOrderId,
      {
        type: 'PlaceLabOrder',
        labOrderId: request.labOrderId,
        patientId: request.patientId,
        source: request.source,
        tests: request.tests.map((code) => tests.find((t) => t.code === code)).filter((t) => t !== undefined),
        members,
        priority: request.priority,
        ...(request.note === undefined ? {} : { note: request.note }),
        ...(request.orderingClinicianId === undefined ? {} : { orderingClinicianId: request.orderingClinicianId }),
      },
      ctx,
    );
  };
