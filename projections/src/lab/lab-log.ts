import type { EventStore } from '@hcms/shared-kernel';
import { labOrderStream, parkedResultStream } from '@hcms/laboratory/contract';
import type { Projection } from '../runner/projection.js';
import type { LabOrderDoc } from './lab-order.doc.js';
import { labOrderProjection } from './lab-order.projection.js';
import { parkedResultsProjection, type ParkedResultDoc } from './parked-results.projection.js';

/** Events read from the log at a time while folding. */
const PAGE = 1000;

/**
 * The document `projection` held for `streamId` at `version`, folded from the log alone (a rebuilt
 * read model or later events cannot alter it): what an audit entry's reader was shown. Undefined
 * when the stream does not reach that version or the document did not exist then.
 */
export const streamDocumentAt = async <Doc>(
  store: Pick<EventStore, 'readStream'>,
  projection: Pick<Projection<Doc>, 'evolve'>,
  streamId: string,
  version: number,
): Promise<Doc | undefined> => {
  let doc: Doc | null = null;
  let at = 0;
  while (at < version) {
    const page = await store.readStream(streamId, { fromVersion: at + 1, maxCount: Math.min(PAGE, version - at) });
    if (page.length === 0) return undefined;
    for (const event of page) [doc, at] = [projection.evolve(doc, event), event.version];
  }
  return doc ?? undefined;
};

/** Each document an audit entry recorded (`versions`, by id), as shown; undefined if any is not in the log. */
const documentsAt = async <Doc>(
  store: Pick<EventStore, 'readStream'>,
  projection: Pick<Projection<Doc>, 'evolve'>,
  streamOf: (id: string) => string,
  versions: Readonly<Record<string, number>>,
): Promise<Doc[] | undefined> => {
  const docs: Doc[] = [];
  for (const [id, version] of Object.entries(versions)) {
    const doc = await streamDocumentAt(store, projection, streamOf(id), version);
    if (doc === undefined) return undefined;
    docs.push(doc);
  }
  return docs;
};

export const labOrdersAt = (store: Pick<EventStore, 'readStream'>, versions: Readonly<Record<string, number>>) =>
  documentsAt<LabOrderDoc>(store, labOrderProjection, labOrderStream, versions);

export const parkedResultsAt = (store: Pick<EventStore, 'readStream'>, versions: Readonly<Record<string, number>>) =>
  documentsAt<ParkedResultDoc>(store, parkedResultsProjection, parkedResultStream, versions);
