import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conflict, defineRoute, IsoDateTime, notFound, Uuid, withSchema, type Route } from '@hcms/shared-kernel';
import { SIGNED_MANIFEST, type ExportJob, type ExportJobs } from './export-jobs.js';
import { AUDITORS } from '../../audit/audit.routes.js';

const ExportRequest = t.partial({
  patientId: withSchema(Uuid, {
    type: 'string',
    format: 'uuid',
    description: 'only the entries about this patient, each with its inclusion proof',
  }),
  from: withSchema(IsoDateTime, { type: 'string', format: 'date-time', description: 'only entries recorded at or after' }),
  to: withSchema(IsoDateTime, { type: 'string', format: 'date-time', description: 'only entries recorded before' }),
});
const JobParams = t.type({ exportId: Uuid });
/** `events.ndjson`, `audit.proofs.ndjson`, `manifest.sig`…: short, so a path can hold it. */
const FILE_NAME = /^[a-z]{1,12}(\.[a-z]{1,12}){1,2}$/;
interface FileNameBrand {
  readonly ExportFileName: unique symbol;
}
const FileParams = t.type({
  exportId: Uuid,
  name: withSchema(
    t.brand(t.string, (s): s is t.Branded<string, FileNameBrand> => FILE_NAME.test(s), 'ExportFileName'),
    {
      type: 'string',
      pattern: FILE_NAME.source,
      maxLength: 40,
      description: 'a file the manifest lists, or manifest.json / manifest.sig',
    },
  ),
});

const OCTETS = 'application/octet-stream';
const noSuchExport = notFound('EXPORT_NOT_FOUND', 'no such export');

/** A job as answered: where its files are once it is done. */
const described = (job: ExportJob) => ({
  ...job,
  statusUrl: `/exports/${job.exportId}`,
  ...(job.status === 'done' && job.manifest
    ? {
        files: [...SIGNED_MANIFEST, ...Object.keys(job.manifest.files)].map((name) => ({
          name,
          url: `/exports/${job.exportId}/files/${name}`,
          ...(job.manifest?.files[name] ?? {}),
        })),
      }
    : {}),
});

const patientOfJob = (body: unknown): readonly string[] => {
  const patientId = (body as { filter?: { patientId?: string } }).filter?.patientId;
  return patientId ? [patientId] : [];
};

/**
 * The compliance export over HTTP, for admins and auditors: asked for, then run in the background
 * (202 and a status URL), then its manifest and files fetched one by one; DELETE cancels it or
 * removes its files. Each of these requests is itself audited, naming the patient of a patient export.
 */
export const exportRoutes = (jobs: ExportJobs): Route[] => [
  defineRoute({
    method: 'POST',
    path: '/exports',
    summary:
      'Start an export of the event and audit logs (or one patient’s entries, or a time window), cut at the newest signed checkpoints',
    tags: ['integrity'],
    roles: [...AUDITORS],
    body: ExportRequest,
    successStatus: 202,
    audit: { resource: 'Export', patientsIn: patientOfJob },
    handle: async ({ body, principal }) => {
      const { patientId, from, to } = body ?? {};
      // Instants compared as stored: UTC, to the millisecond.
      const job = jobs.start(principal.id, {
        ...(patientId === undefined ? {} : { patientId: patientId.toLowerCase() }),
        ...(from === undefined ? {} : { from: new Date(from).toISOString() }),
        ...(to === undefined ? {} : { to: new Date(to).toISOString() }),
      });
      return E.right({ status: 202, body: described(job), headers: { location: `/exports/${job.exportId}` } });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/exports/:exportId',
    summary: 'An export’s status and progress; once done, its manifest and the URL of each file',
    tags: ['integrity'],
    roles: [...AUDITORS],
    params: JobParams,
    errors: [404],
    audit: { resource: 'Export', patientsIn: patientOfJob },
    handle: async ({ params }) => {
      const job = jobs.get(params.exportId);
      return job ? E.right({ body: described(job) }) : E.left(noSuchExport);
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/exports/:exportId/files/:name',
    summary: 'One file of a finished export, as written (NDJSON entries, leaf hashes, proofs, checkpoints, the signed manifest)',
    tags: ['integrity'],
    roles: [...AUDITORS],
    params: FileParams,
    errors: [404, 409],
    produces: [OCTETS],
    audit: { resource: 'Export' },
    handle: async ({ params }) => {
      const job = jobs.get(params.exportId);
      if (!job) return E.left(noSuchExport);
      if (job.status !== 'done')
        return E.left(conflict('EXPORT_NOT_DONE', `the export is ${job.status}, not done`, { details: { status: job.status } }));
      if (!jobs.holds(params.exportId, params.name)) return E.left(notFound('EXPORT_FILE_NOT_FOUND', 'the export holds no such file'));
      const path = join(jobs.filesOf(params.exportId), params.name);
      const listed = job.manifest?.files[params.name];
      // A listed file is streamed, its digest known from the manifest; the manifest and its signature are small.
      return E.right(
        listed
          ? { body: createReadStream(path), contentType: OCTETS, digest: listed.sha256 }
          : { body: readFileSync(path), contentType: OCTETS },
      );
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/exports/:exportId',
    summary: 'Cancel an export that has not finished, or remove one that has: its files and status are gone afterwards',
    tags: ['integrity'],
    roles: [...AUDITORS],
    params: JobParams,
    errors: [404],
    audit: { resource: 'Export', patientsIn: patientOfJob },
    handle: async ({ params }) => {
      const job = jobs.remove(params.exportId);
      return job
        ? E.right({ body: { exportId: job.exportId, status: job.status, filter: job.filter, removed: true } })
        : E.left(noSuchExport);
    },
  }),
];
