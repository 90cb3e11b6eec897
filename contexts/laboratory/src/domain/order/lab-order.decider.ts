import * as E from 'fp-ts/lib/Either.js';
import { absurd, pipe } from 'fp-ts/lib/function.js';
import type { Decider, IsoDateTime, LongText } from '@hcms/shared-kernel';
import type { LabOrderCommand, LabOrderCommandOf } from './lab-order.commands.js';
import type { LabOrderError } from './lab-order.errors.js';
import type { LabOrderEvent } from './lab-order.events.js';
import {
  found,
  interpreted,
  invalid,
  isCritical,
  isFinal,
  notAfter,
  notCancelled,
  openReport,
  orderable,
  refuse,
  sameResult,
  specimenNamed,
  wasRejected,
} from './lab-order.rules.js';
import { evolve, initialState, type LabOrderState } from './lab-order.state.js';
import { messageKeyOf, type OrderSource } from './lab-order.values.js';

type Decision = E.Either<LabOrderError, readonly LabOrderEvent[]>;
const emit = (...events: LabOrderEvent[]): Decision => E.right(events);

// Commands carry what the edge decoded and the handler stamped: instants in UTC, texts within bounds.
const instant = (s: string) => s as IsoDateTime;
const text = (s: string) => s as LongText;

const sameSource = (a: OrderSource, b: OrderSource): boolean =>
  a.kind === 'direct'
    ? b.kind === 'direct'
    : b.kind === 'encounter' && a.encounterId === b.encounterId && a.placerOrderId === b.placerOrderId;

const placeNew = (cmd: LabOrderCommandOf<'PlaceLabOrder'>): Decision =>
  pipe(
    orderable(cmd.tests, cmd.members),
    E.chain(({ specimenType, analytes }) =>
      emit({
        type: 'LabOrderPlaced',
        data: {
          labOrderId: cmd.labOrderId,
          patientId: cmd.patientId,
          // An encounter's order placed by a policy names its clinician; otherwise who asks ordered.
          orderingClinicianId: cmd.orderingClinicianId ?? cmd.actorId,
          source: cmd.source,
          specimenType,
          tests: cmd.tests.map(({ code, name }) => ({ code, name })),
          analytes: [...analytes],
          priority: cmd.priority,
          orderedAt: instant(cmd.at),
          ...(cmd.note === undefined ? {} : { note: text(cmd.note) }),
        },
      }),
    ),
  );

const place = (cmd: LabOrderCommandOf<'PlaceLabOrder'>, s: LabOrderState): Decision => {
  if (s.status === 'none') return placeNew(cmd);
  const exists = () => E.left(refuse('LAB_ORDER_EXISTS', 'a lab order with this id exists already'));
  if (s.patientId !== cmd.patientId) return exists();
  // The same order delivered again (Consultations' event, or a client's retry): placed once, even after erasure.
  if (sameSource(s.source, cmd.source)) return emit();
  return s.erased ? E.left(refuse('PATIENT_ERASED', 'the patient’s record was erased')) : exists();
};

const collect = (cmd: LabOrderCommandOf<'CollectSpecimen'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain(notCancelled),
    E.chain((order): Decision => {
      const current = order.specimen;
      if (current?.accessionNumber === cmd.accessionNumber && !current.rejected) return emit();
      if (wasRejected(order, cmd.accessionNumber))
        return E.left(refuse('SPECIMEN_REJECTED', 'this accession number was rejected: label the new specimen with a new one'));
      if (order.status !== 'ordered' && order.status !== 'recollect')
        return E.left(
          refuse('SPECIMEN_ALREADY_COLLECTED', 'this order has its specimen: reject it first to collect another', {
            details: { status: order.status },
          }),
        );
      if (cmd.specimenType !== order.specimenType)
        return E.left(
          invalid('WRONG_SPECIMEN_TYPE', 'the specimen is not of the type the order’s tests are run on', [
            { path: 'body.specimenType', rule: `must be ${order.specimenType}` },
          ]),
        );
      return pipe(
        notAfter(cmd.collectedAt, cmd.at, 'COLLECTED_IN_FUTURE', 'body.collectedAt'),
        E.chain(() =>
          emit({
            type: 'SpecimenCollected',
            data: {
              accessionNumber: cmd.accessionNumber,
              specimenType: cmd.specimenType,
              collectorId: cmd.actorId,
              collectedAt: instant(cmd.collectedAt),
              recordedAt: instant(cmd.at),
            },
          }),
        ),
      );
    }),
  );

const receive = (cmd: LabOrderCommandOf<'ReceiveSpecimen'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain(notCancelled),
    E.chain((order) => specimenNamed(order, cmd.accessionNumber)),
    E.chain((specimen) =>
      specimen.received
        ? emit()
        : emit({
            type: 'SpecimenReceived',
            data: { accessionNumber: cmd.accessionNumber, receivedBy: cmd.actorId, receivedAt: instant(cmd.at) },
          }),
    ),
  );

const reject = (cmd: LabOrderCommandOf<'RejectSpecimen'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain(notCancelled),
    E.chain((order): Decision => {
      if (wasRejected(order, cmd.accessionNumber)) return emit();
      return pipe(
        specimenNamed(order, cmd.accessionNumber),
        E.chain(() =>
          order.reports.length > 0
            ? E.left(refuse('RESULTS_ENTERED', 'results were entered on this specimen: it can no longer be rejected'))
            : emit({
                type: 'SpecimenRejected',
                data: {
                  accessionNumber: cmd.accessionNumber,
                  reason: cmd.reason,
                  rejectedBy: cmd.actorId,
                  rejectedAt: instant(cmd.at),
                  ...(cmd.note === undefined ? {} : { note: text(cmd.note) }),
                },
              }),
        ),
      );
    }),
  );

const enterResults = (cmd: LabOrderCommandOf<'EnterResults'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain((order): Decision => {
      const { source } = cmd;
      // An analyser message delivered again is applied once, whichever version it went to.
      if (source.kind === 'hl7' && order.reports.some((r) => r.messages.includes(messageKeyOf(source)))) return emit();
      if (order.status === 'cancelled') return E.left(refuse('LAB_ORDER_CANCELLED', 'this lab order is cancelled'));
      if (isFinal(order)) return E.left(refuse('LAB_ORDER_FINAL', 'the report is final: correct it instead'));
      return pipe(
        specimenNamed(order, cmd.accessionNumber),
        E.chain((specimen) =>
          specimen.received
            ? E.right(specimen)
            : E.left(refuse('SPECIMEN_NOT_RECEIVED', 'the specimen has not been received in the laboratory')),
        ),
        E.chain((specimen) => interpreted(order, cmd.results, cmd.definitions, cmd.subject, specimen)),
        E.chain((results) =>
          emit({
            type: 'ResultsEntered',
            data: {
              accessionNumber: cmd.accessionNumber,
              reportVersion: openReport(order)?.version ?? 1,
              results: [...results],
              source,
              enteredBy: cmd.actorId,
              enteredAt: instant(cmd.at),
            },
          }),
        ),
      );
    }),
  );

const verify = (cmd: LabOrderCommandOf<'VerifyResults'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain(notCancelled),
    E.chain((order): Decision => {
      if (isFinal(order)) return E.left(refuse('LAB_ORDER_FINAL', 'this report is verified already'));
      const report = openReport(order);
      const missing = order.analytes.filter((a) => !report?.results[a.code]).map((a) => a.code);
      if (!report || !order.specimen || missing.length > 0)
        return E.left(
          refuse('RESULTS_INCOMPLETE', 'a report is verified once every analyte ordered has a result', { details: { missing } }),
        );
      const enteredBy = [...new Set(order.analytes.flatMap((a) => report.enteredBy[a.code] ?? []))];
      if (enteredBy.includes(cmd.actorId))
        return E.left(refuse('SAME_USER_VERIFICATION', 'results are verified by someone who entered none of them'));
      const results = order.analytes.flatMap((a) => report.results[a.code] ?? []);
      const critical = results.filter(isCritical);
      const alertId = `${order.labOrderId}.${report.version}`;
      return emit(
        {
          type: 'LabResultFinalized',
          data: {
            labOrderId: order.labOrderId,
            patientId: order.patientId,
            orderingClinicianId: order.orderingClinicianId,
            accessionNumber: order.specimen.accessionNumber,
            source: order.source,
            tests: [...order.tests],
            reportVersion: report.version,
            status: report.version === 1 ? 'final' : 'corrected',
            results,
            enteredBy,
            verifiedBy: cmd.actorId,
            collectedAt: instant(order.specimen.collectedAt),
            finalizedAt: instant(cmd.at),
            ...(report.correctionReason === undefined ? {} : { correctionReason: text(report.correctionReason) }),
          },
        },
        ...(critical.length === 0
          ? []
          : [
              {
                type: 'CriticalResultDetected' as const,
                data: {
                  alertId,
                  labOrderId: order.labOrderId,
                  patientId: order.patientId,
                  orderingClinicianId: order.orderingClinicianId,
                  reportVersion: report.version,
                  results: critical,
                  detectedAt: instant(cmd.at),
                },
              },
            ]),
        // The values an open alert was about are no longer the report's: that alert stops (this one raises its own).
        ...order.alerts
          .filter((a) => !a.closed && a.reportVersion < report.version)
          .map((a) => ({
            type: 'CriticalAlertSuperseded' as const,
            data: { alertId: a.alertId, byReportVersion: report.version, supersededAt: instant(cmd.at) },
          })),
      );
    }),
  );

const correct = (cmd: LabOrderCommandOf<'CorrectResults'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain(notCancelled),
    E.chain((order): Decision => {
      if (order.status === 'correction-pending')
        return E.left(refuse('CORRECTION_PENDING', 'a correction awaits verification: add to it, or verify it first'));
      const final = order.reports.at(-1);
      if (!isFinal(order) || !final || !order.specimen)
        return E.left(refuse('NOT_FINAL', 'only a final report is corrected: until verification, enter the results again'));
      const { specimen } = order;
      return pipe(
        interpreted(order, cmd.results, cmd.definitions, cmd.subject, specimen),
        E.chain((results) => {
          const changed = results.filter((r) => !sameResult(r, final.results[r.code]));
          if (changed.length === 0)
            return E.left(
              invalid('NOTHING_CORRECTED', 'the correction changes no result of the final report', [
                { path: 'body.results', rule: 'must change at least one result of the final report' },
              ]),
            );
          return emit({
            type: 'ResultsEntered',
            data: {
              accessionNumber: specimen.accessionNumber,
              reportVersion: final.version + 1,
              results: changed,
              source: { kind: 'manual' },
              enteredBy: cmd.actorId,
              enteredAt: instant(cmd.at),
              correctionReason: text(cmd.reason),
            },
          });
        }),
      );
    }),
  );

const recordCallback = (cmd: LabOrderCommandOf<'RecordCriticalCallback'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain((order): Decision => {
      const alert = order.alerts.find((a) => a.alertId === cmd.alertId);
      if (!alert) return E.left(refuse('ALERT_NOT_FOUND', 'no such critical result alert on this order'));
      if (alert.closed)
        return E.left(
          refuse('ALERT_CLOSED', 'this alert is closed: its values were read back already, or a corrected report replaced them'),
        );
      return pipe(
        notAfter(cmd.calledAt, cmd.at, 'CALLED_IN_FUTURE', 'body.calledAt'),
        E.chain(() =>
          emit({
            type: 'CriticalCallbackRecorded',
            data: {
              alertId: alert.alertId,
              reportVersion: alert.reportVersion,
              reached: { name: cmd.reached.name, role: cmd.reached.role },
              readBack: cmd.readBack,
              calledAt: instant(cmd.calledAt),
              recordedBy: cmd.actorId,
              recordedAt: instant(cmd.at),
              results: [...alert.results],
            },
          }),
        ),
      );
    }),
  );

const cancel = (cmd: LabOrderCommandOf<'CancelLabOrder'>, s: LabOrderState): Decision =>
  pipe(
    found(s, cmd.patientId),
    E.chain(notCancelled),
    E.chain((order): Decision => {
      if (isFinal(order) || order.status === 'correction-pending')
        return E.left(refuse('LAB_ORDER_FINAL', 'the order is reported: its report is corrected, never cancelled'));
      if (order.reports.length > 0)
        return E.left(refuse('RESULTS_ENTERED', 'results were entered on this order: it can no longer be cancelled'));
      return emit({
        type: 'LabOrderCancelled',
        data: { cancelledBy: cmd.actorId, cancelledAt: instant(cmd.at), ...(cmd.reason === undefined ? {} : { reason: text(cmd.reason) }) },
      });
    }),
  );

const eraseDetails = (cmd: LabOrderCommandOf<'EraseDetails'>, s: LabOrderState): Decision => {
  if (s.status === 'none' || s.patientId !== cmd.patientId)
    return E.left(refuse('LAB_ORDER_NOT_FOUND', 'no such lab order for this patient'));
  return s.erased ? emit() : emit({ type: 'LabOrderDetailsErased', data: { erasedAt: instant(cmd.at) } });
};

export const decide = (cmd: LabOrderCommand, s: LabOrderState): Decision => {
  switch (cmd.type) {
    case 'PlaceLabOrder':
      return place(cmd, s);
    case 'CollectSpecimen':
      return collect(cmd, s);
    case 'ReceiveSpecimen':
      return receive(cmd, s);
    case 'RejectSpecimen':
      return reject(cmd, s);
    case 'EnterResults':
      return enterResults(cmd, s);
    case 'VerifyResults':
      return verify(cmd, s);
    case 'CorrectResults':
      return correct(cmd, s);
    case 'RecordCriticalCallback':
      return recordCallback(cmd, s);
    case 'CancelLabOrder':
      return cancel(cmd, s);
    case 'EraseDetails':
      return eraseDetails(cmd, s);
    default:
      return absurd(cmd);
  }
};

export const labOrderDecider: Decider<LabOrderCommand, LabOrderEvent, LabOrderState, LabOrderError> = {
  initialState,
  decide,
  evolve,
};
