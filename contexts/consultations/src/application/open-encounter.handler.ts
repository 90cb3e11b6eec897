import * as E from 'fp-ts/lib/Either.js';
import { unavailable, type CommandContext, type CommandResult, type DomainError, type IsoDate, type LongText } from '@hcms/shared-kernel';
import type { EncounterOrigin } from '../domain/encounter/encounter.values.js';
import type { ConsultationsDeps } from './consultations.deps.js';
import { handleEncounterCommand } from './encounter-command.handler.js';

export interface OpenEncounterRequest {
  readonly origin: EncounterOrigin;
  readonly dateOfService?: IsoDate;
  readonly reasonForVisit?: LongText;
}

/**
 * Opens an encounter for a patient Patients knows as active. One from an appointment takes an id
 * derived from the appointment's, so opening it twice finds the first (409 with its id).
 */
export const openEncounter =
  (deps: ConsultationsDeps) =>
  async (
    patientId: string,
    request: OpenEncounterRequest,
    ctx: CommandContext,
  ): Promise<E.Either<DomainError, CommandResult & { encounterId: string }>> => {
    const { origin } = request;
    const fromAppointment = origin.kind === 'appointment';
    const [patient, appointment] = await Promise.all([
      deps.references.standingOf(patientId),
      fromAppointment ? deps.references.appointment(origin.appointmentId, patientId) : Promise.resolve(undefined),
    ]);
    // Deciding on what this service has not heard yet (a deactivation, a cancellation) would be deciding wrong.
    if (patient === 'behind' || appointment === 'behind')
      return E.left(
        unavailable(
          'REFERENCE_DATA_BEHIND',
          'what this service knows of the patient or the appointment is behind their record; retry shortly',
        ),
      );
    const encounterId = fromAppointment ? deps.encounterIdFor(origin.appointmentId) : deps.ids.next();
    const result = await handleEncounterCommand(deps)(
      encounterId,
      {
        type: 'OpenEncounter',
        encounterId,
        patientId,
        origin,
        // The clinic's own date should be sent; without it, the date where the request was received (UTC).
        dateOfService: request.dateOfService ?? (ctx.now.toISOString().slice(0, 10) as IsoDate),
        patient,
        ...(appointment === undefined ? {} : { appointment }),
        ...(request.reasonForVisit === undefined ? {} : { reasonForVisit: request.reasonForVisit }),
      },
      ctx,
    );
    return E.map((r: CommandResult) => ({ ...r, encounterId }))(result);
  };
