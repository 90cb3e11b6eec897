import * as E from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { conflict, forbidden, gone, invariantViolated, notFound, type Problem } from '@hcms/shared-kernel';
import { interpret } from '../catalogue/interpretation.js';
import type { AnalyteTest, SpecimenType, TestDefinition } from '../catalogue/test-definition.js';
import type { EnteredResult, Subject } from './lab-order.commands.js';
import type { LabOrderError, LabOrderErrorCode } from './lab-order.errors.js';
import type { LabOrder, LabOrderState, Report, Specimen } from './lab-order.state.js';
import type { AnalyteResult, ExpectedAnalyte } from './lab-order.values.js';

type Extra = { readonly details?: Readonly<Record<string, unknown>>; readonly problems?: readonly Problem[] };

const CONFLICTS: ReadonlySet<LabOrderErrorCode> = new Set([
  'LAB_ORDER_EXISTS',
  'LAB_ORDER_CANCELLED',
  'LAB_ORDER_FINAL',
  'RESULTS_ENTERED',
  'NOT_FINAL',
  'CORRECTION_PENDING',
  'ALERT_CLOSED',
  'RESULTS_INCOMPLETE',
]);

export const refuse = (code: LabOrderErrorCode, message: string, extra: Extra = {}): LabOrderError => {
  if (code === 'PATIENT_ERASED') return gone(code, message, extra);
  // Separation of duties: whoever entered a result may not be the one who verifies it.
  if (code === 'SAME_USER_VERIFICATION') return forbidden(code, message, extra);
  if (code.endsWith('_NOT_FOUND')) return notFound(code, message, extra);
  return CONFLICTS.has(code) || code.startsWith('SPECIMEN_') ? conflict(code, message, extra) : invariantViolated(code, message, extra);
};

/** A refusal of what the request holds, naming each offending field. */
export const invalid = (code: LabOrderErrorCode, message: string, problems: readonly Problem[]): LabOrderError =>
  refuse(code, message, { problems });

/** The order, if it is this patient's: another patient's order is not found, not revealed. */
export const found = (s: LabOrderState, patientId: string): E.Either<LabOrderError, LabOrder> => {
  if (s.status === 'none' || s.patientId !== patientId) return E.left(refuse('LAB_ORDER_NOT_FOUND', 'no such lab order for this patient'));
  return s.erased ? E.left(refuse('PATIENT_ERASED', 'the patient’s record was erased')) : E.right(s);
};

export const notCancelled = (order: LabOrder): E.Either<LabOrderError, LabOrder> =>
  order.status === 'cancelled' ? E.left(refuse('LAB_ORDER_CANCELLED', 'this lab order is cancelled')) : E.right(order);

export const isFinal = (order: LabOrder): boolean => order.status === 'final' || order.status === 'corrected';

/**
 * An instant not after the command's. Both are UTC as the routes and handlers give them
 * (`…sssZ`), so they compare as text.
 */
export const notAfter = (instant: string, at: string, code: LabOrderErrorCode, path: string): E.Either<LabOrderError, string> =>
  instant > at
    ? E.left(invalid(code, `${path.split('.').at(-1) ?? path} is in the future`, [{ path, rule: 'must not be in the future' }]))
    : E.right(instant);

export const wasRejected = (order: LabOrder, accessionNumber: string): boolean =>
  [order.specimen, ...order.rejectedSpecimens].some((sp) => sp?.accessionNumber === accessionNumber && sp.rejected !== undefined);

/** The order's current specimen under this accession number, neither rejected nor replaced. */
export const specimenNamed = (order: LabOrder, accessionNumber: string): E.Either<LabOrderError, Specimen> => {
  if (wasRejected(order, accessionNumber))
    return E.left(refuse('SPECIMEN_REJECTED', 'this specimen was rejected: a new one is collected, under a new accession number'));
  if (!order.specimen) return E.left(refuse('SPECIMEN_NOT_COLLECTED', 'no specimen has been collected for this order yet'));
  return order.specimen.accessionNumber === accessionNumber
    ? E.right(order.specimen)
    : E.left(refuse('SPECIMEN_NOT_FOUND', 'this order has no specimen with this accession number'));
};

/** The report version results go to: the one not yet verified, or the first. */
export const openReport = (order: LabOrder): Report | undefined => {
  const last = order.reports.at(-1);
  return last && last.verifiedBy === undefined ? last : undefined;
};

export const isCritical = (r: AnalyteResult): boolean => r.critical || r.flag === 'HH' || r.flag === 'LL';

/** The same result, field for field, whatever order its keys were written in. */
export const sameResult = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x).filter((k) => x[k] !== undefined);
  return keys.length === Object.keys(y).filter((k) => y[k] !== undefined).length && keys.every((k) => sameResult(x[k], y[k]));
};

const codeProblems = (results: readonly EnteredResult[], wrong: (r: EnteredResult, i: number) => boolean, rule: string): Problem[] =>
  results.flatMap((r, i) => (wrong(r, i) ? [{ path: `body.results.${i}.code`, rule }] : []));

/**
 * Results as the catalogue reads them for this patient on the day of collection: each for an
 * analyte the order expects, once, and defined in the catalogue.
 */
export const interpreted = (
  order: LabOrder,
  results: readonly EnteredResult[],
  definitions: readonly AnalyteTest[],
  subject: Subject,
  specimen: Specimen,
): E.Either<LabOrderError, readonly AnalyteResult[]> => {
  if (results.length === 0)
    return E.left(invalid('NO_RESULTS', 'no result was given', [{ path: 'body.results', rule: 'must hold at least one result' }]));
  const repeated = codeProblems(results, (r, i) => results.findIndex((o) => o.code === r.code) !== i, 'must not repeat an analyte');
  if (repeated.length > 0) return E.left(invalid('DUPLICATE_TEST', 'an analyte has two results in one entry', repeated));
  const notOrdered = codeProblems(results, (r) => !order.analytes.some((a) => a.code === r.code), 'must be an analyte this order expects');
  if (notOrdered.length > 0) return E.left(invalid('TEST_NOT_ORDERED', 'a result is for a test this order does not expect', notOrdered));
  const defined = results.flatMap((entered) => {
    const definition = definitions.find((d) => d.code === entered.code);
    return definition ? [{ entered, definition }] : [];
  });
  if (defined.length < results.length) {
    const unknown = codeProblems(results, (r) => !definitions.some((d) => d.code === r.code), 'must be a test of the catalogue');
    return E.left(invalid('UNKNOWN_TEST', 'a result is for a test the catalogue does not define', unknown));
  }
  const collectedOn = specimen.collectedAt.slice(0, 10);
  return pipe(
    defined,
    E.traverseReadonlyArrayWithIndex((i, { entered, definition }) =>
      interpret(definition, entered.value, subject, collectedOn, `body.results.${i}.value`),
    ),
  );
};

const testProblems = (tests: readonly TestDefinition[], wrong: (t: TestDefinition, i: number) => string | undefined): Problem[] =>
  tests.flatMap((t, i) => {
    const rule = wrong(t, i);
    return rule === undefined ? [] : [{ path: `body.tests.${i}`, rule }];
  });

/** The results an order expects: its tests, each panel by its members, a test ordered twice that way counted once. */
const expectedAnalytes = (tests: readonly TestDefinition[], members: readonly AnalyteTest[]): ExpectedAnalyte[] =>
  tests
    .flatMap((t): ExpectedAnalyte[] =>
      t.kind === 'panel'
        ? t.members.flatMap((code) => members.filter((m) => m.code === code).map((m) => ({ code: m.code, name: m.name, panel: t.code })))
        : [{ code: t.code, name: t.name }],
    )
    .filter((a, i, all) => all.findIndex((o) => o.code === a.code) === i);

/**
 * What an order of these tests expects: one specimen type for all of them and their panels'
 * members, and the analytes they report.
 */
export const orderable = (
  tests: readonly TestDefinition[],
  catalogued: readonly TestDefinition[],
): E.Either<LabOrderError, { readonly specimenType: SpecimenType; readonly analytes: readonly ExpectedAnalyte[] }> => {
  const [first] = tests;
  if (!first)
    return E.left(invalid('NO_TESTS', 'an order names at least one test', [{ path: 'body.tests', rule: 'must name at least one test' }]));
  const repeated = testProblems(tests, (t, i) => (tests.findIndex((o) => o.code === t.code) === i ? undefined : 'must not repeat a test'));
  if (repeated.length > 0) return E.left(invalid('DUPLICATE_TEST', 'a test is ordered twice', repeated));
  const members = catalogued.filter((m): m is AnalyteTest => m.kind !== 'panel');
  const membersOf = (t: TestDefinition): readonly AnalyteTest[] =>
    t.kind === 'panel' ? members.filter((m) => t.members.some((code) => code === m.code)) : [];
  const unknown = testProblems(tests, (t) => {
    const missing = t.kind === 'panel' ? t.members.filter((code) => !members.some((m) => m.code === code)) : [];
    return missing.length === 0 ? undefined : `its members ${missing.join(', ')} must be tests of the catalogue with results of their own`;
  });
  if (unknown.length > 0) return E.left(invalid('UNKNOWN_TEST', 'a panel ordered names a test the catalogue does not define', unknown));
  const specimenType = first.specimenType;
  const mixed = testProblems(tests, (t) =>
    [t, ...membersOf(t)].every((x) => x.specimenType === specimenType)
      ? undefined
      : `must be tested on ${specimenType}, as the other tests`,
  );
  if (mixed.length > 0)
    return E.left(invalid('MIXED_SPECIMEN_TYPES', 'an order holds tests of one specimen type: order the others apart', mixed));
  return E.right({ specimenType, analytes: expectedAnalytes(tests, members) });
};
