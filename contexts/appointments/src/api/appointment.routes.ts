import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { defineRoute, type CommandContext, type Role, type Route, type RouteInput, requestContext, type Clock } from '@hcms/shared-kernel';
import { handleAppointmentCommand, type AppointmentAction } from '../application/appointment-command.handler.js';
import type { AppointmentsDeps } from '../application/appointments.deps.js';
import { bookAppointment } from '../application/book-appointment.handler.js';
import { handleProviderCommand, registerProvider } from '../application/provider.handlers.js';
import { rescheduleAppointment } from '../application/reschedule-appointment.handler.js';
import * as R from './appointment.requests.js';

const FRONT_DESK: readonly Role[] = ['admin', 'receptionist', 'clinician'];
const ctxOf = (deps: { readonly clock: Clock }, input: RouteInput<unknown, unknown, unknown>): CommandContext =>
  requestContext(input, deps.clock.now());
const answer =
  (status = 200, extra: Record<string, unknown> = {}) =>
  (body: object) => ({ status, body: { ...body, ...extra } });

/** A transition of one appointment, built from the request body (if the action takes one). */
const action = <B = unknown>(
  deps: AppointmentsDeps,
  path: string,
  summary: string,
  roles: readonly Role[],
  build: (body: B) => AppointmentAction,
  body?: t.Type<B, unknown, unknown>,
): Route =>
  defineRoute<t.TypeOf<typeof R.AppointmentParams>, unknown, B>({
    method: 'POST',
    path: `/appointments/:appointmentId/${path}`,
    summary,
    tags: ['appointments'],
    roles,
    params: R.AppointmentParams,
    ...(body ? { body } : {}),
    audit: { resource: 'Appointment' },
    errors: [404, 409, 422],
    handle: async (input) =>
      E.map(answer(200, { appointmentId: input.params.appointmentId }))(
        await handleAppointmentCommand(deps)(input.params.appointmentId, build(input.body), ctxOf(deps, input)),
      ),
  });

export const appointmentRoutes = (deps: AppointmentsDeps): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/providers',
    summary: 'Register a provider (name, specialty, time zone)',
    tags: ['providers'],
    roles: ['admin'],
    audit: 'no-patient-data',
    body: R.RegisterProviderBody,
    successStatus: 201,
    errors: [409],
    handle: async (input) => E.map(answer(201))(await registerProvider(deps)(input.body, ctxOf(deps, input))),
  }),
  defineRoute({
    method: 'PUT',
    path: '/providers/:providerId/availability',
    summary: "Set a provider's weekly hours (weekday 1 = Monday, local times) and slot length",
    tags: ['providers'],
    roles: ['admin'],
    audit: 'no-patient-data',
    params: R.ProviderParams,
    body: R.AvailabilityBody,
    errors: [404, 422],
    handle: async (input) =>
      E.map(answer(200, { providerId: input.params.providerId }))(
        await handleProviderCommand(deps)(input.params.providerId, { type: 'SetWeeklyAvailability', ...input.body }, ctxOf(deps, input)),
      ),
  }),
  defineRoute({
    method: 'POST',
    path: '/providers/:providerId/availability/exceptions',
    summary: 'Add time off (a whole day, or between start and end) or extra hours on a date',
    tags: ['providers'],
    roles: ['admin'],
    audit: 'no-patient-data',
    params: R.ProviderParams,
    body: R.ExceptionBody,
    successStatus: 201,
    errors: [404, 422],
    handle: async (input) => {
      const exceptionId = deps.ids.next();
      const result = await handleProviderCommand(deps)(
        input.params.providerId,
        { type: 'AddAvailabilityException', exceptionId, ...input.body },
        ctxOf(deps, input),
      );
      return E.map(answer(201, { providerId: input.params.providerId, exceptionId }))(result);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/appointments',
    summary: 'Book an appointment: refused outside availability, in the past, over another booking, or for an inactive patient',
    tags: ['appointments'],
    roles: [...FRONT_DESK, 'patient'],
    body: R.BookBody,
    patientOf: ({ body }) => body.patientId,
    audit: { resource: 'Appointment' },
    successStatus: 201,
    errors: [404, 409, 422],
    handle: async (input) => {
      const { type, ...rest } = input.body;
      return E.map(answer(201))(await bookAppointment(deps)({ ...rest, appointmentType: type }, ctxOf(deps, input)));
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/appointments/:appointmentId/reschedule',
    summary: 'Move an appointment to another time, possibly another day',
    tags: ['appointments'],
    roles: FRONT_DESK,
    audit: { resource: 'Appointment' },
    params: R.AppointmentParams,
    body: R.RescheduleBody,
    errors: [404, 409, 422],
    handle: async (input) =>
      E.map(answer(200, { appointmentId: input.params.appointmentId }))(
        await rescheduleAppointment(deps)(input.params.appointmentId, input.body.start, input.body.minutes, ctxOf(deps, input)),
      ),
  }),
  action(
    deps,
    'cancel',
    'Cancel an appointment (by patient or clinic, with a reason)',
    FRONT_DESK,
    (b) => ({ type: 'CancelAppointment', by: b.by, reason: b.reason }),
    R.CancelBody,
  ),
  action(deps, 'check-in', 'Check the patient in', FRONT_DESK, () => ({ type: 'CheckIn' })),
  action(deps, 'complete', 'Complete a checked-in appointment', ['admin', 'clinician'], () => ({ type: 'CompleteAppointment' })),
  action(deps, 'no-show', 'Mark a started appointment as missed', FRONT_DESK, () => ({ type: 'MarkNoShow' })),
];
