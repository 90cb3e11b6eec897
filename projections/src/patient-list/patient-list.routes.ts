import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import {
  BoundedText,
  decodeCursor,
  defineRoute,
  patientsInItems,
  IsoDate,
  searchKey,
  validationError,
  type Filter,
  type Route,
} from '@hcms/shared-kernel';
import { Mrn } from '@hcms/patients/contract';
import { MinPosition, Pagination } from '../query-params.js';
import { readYourWrites, type ReadModelDeps } from '../read-model-deps.js';
import { patientListProjection, type PatientListItem } from './patient-list.projection.js';

const SearchQuery = t.intersection([
  t.partial({
    name: BoundedText(1, 100, 'prefix of the family name, any case or accent'),
    mrn: Mrn,
    dateOfBirth: IsoDate,
    status: t.keyof({ active: null, inactive: null, deceased: null }),
  }),
  Pagination,
  MinPosition,
]);

const view = ({ familyNameKey: _f, givenNameKey: _g, sortKey: _s, ...item }: PatientListItem) => item;

export const patientListRoutes = (deps: ReadModelDeps): Route[] => [
  defineRoute({
    method: 'GET',
    path: '/patients',
    summary: 'Search patients by family-name prefix, MRN, date of birth or status (paginated)',
    tags: ['patients (read)'],
    roles: ['admin', 'clinician', 'receptionist', 'auditor', 'billing-clerk', 'lab-technician'],
    query: SearchQuery,
    // Every patient a page lists was shown; the search terms (a name, a date of birth) are not
    // kept, nor the cursor (it holds the last name of the page before).
    audit: { resource: 'Patient', patientsIn: patientsInItems, keepQuery: ['status', 'limit', 'minPosition'] },
    errors: [503],
    handle: async ({ query }) => {
      if (query.cursor !== undefined && decodeCursor(query.cursor) === undefined) {
        return E.left(
          validationError('INVALID_INPUT', 'invalid query: cursor', {
            problems: [{ path: 'query.cursor', rule: 'must be a `next` value from a previous page' }],
          }),
        );
      }
      const ready = await readYourWrites(deps, patientListProjection.name, query.minPosition);
      if (E.isLeft(ready)) return ready;
      const where: Filter[] = [];
      if (query.name !== undefined) where.push({ field: 'familyNameKey', op: 'prefix', value: searchKey(query.name) });
      if (query.mrn !== undefined) where.push({ field: 'mrn', op: 'eq', value: query.mrn });
      if (query.dateOfBirth !== undefined) where.push({ field: 'dateOfBirth', op: 'eq', value: query.dateOfBirth });
      if (query.status !== undefined) where.push({ field: 'status', op: 'eq', value: query.status });
      const patients = await deps.collections.of<PatientListItem>(patientListProjection);
      const page = await patients.find({
        where,
        sort: { field: 'sortKey', direction: 'asc' },
        limit: query.limit ?? 25,
        ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
      });
      return E.right({
        // A restricted record is kept for legal use only: no search or list shows it (a page may come out shorter).
        body: {
          items: page.items.filter((i) => !i.doc.restricted).map((i) => view(i.doc)),
          next: page.next ?? null,
          position: ready.right,
        },
        positions: { [patientListProjection.name]: ready.right },
      });
    },
  }),
];
