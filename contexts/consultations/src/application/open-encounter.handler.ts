import type * as E from 'fp-ts/lib/Either.js';
import type { CommandContext, CommandResult, IsoDate, LongText } from '@hcms/shared-kernel';
import type { EncounterError } from '../domain/encounter/encounter.errors.js';
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
  ): Promise<E.Either<EncounterError, CommandResult & { encounterId: string }>> => {
    const { origin } = request;
    const fromAppointment = origin.kind === 'appointment';
    const [patient, appointment] = await Promise.all([
      deps.references.standingOf(patientId),
      fromAppointment ? deps.references.appointment(origin.appointmentId) : Promise.resolve(undefined),
    ]);
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
    return result._tag === 'Right' ? { _tag: 'Right', right: { ...result.right, encounterId } } : result;
  };
