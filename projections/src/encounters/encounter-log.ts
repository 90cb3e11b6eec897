import type { EventStore } from '@hcms/shared-kernel';
import { encounterStream } from '@hcms/consultations/contract';
import type { Projection } from '../runner/projection.js';

/** Events read from the log at a time while folding. */
const PAGE = 1000;

/**
 * An encounter's document in `projection` at `version` of its stream, folded from the log alone (a
 * rebuilt read model or later events cannot alter it): what an audit entry's reader was shown.
 * Undefined when the stream does not reach that version or the document did not exist then.
 */
export const encounterAt = async <Doc>(
  store: Pick<EventStore, 'readStream'>,
  projection: Pick<Projection<Doc>, 'evolve'>,
  encounterId: string,
  version: number,
): Promise<Doc | undefined> => {
  let doc: Doc | null = null;
  let at = 0;
  while (at < version) {
    const page = await store.readStream(encounterStream(encounterId), { fromVersion: at + 1, maxCount: Math.min(PAGE, version - at) });
    if (page.length === 0) return undefined;
    for (const event of page) [doc, at] = [projection.evolve(doc, event), event.version];
  }
  return doc ?? undefined;
};

/** Each document an audit entry recorded (`versions`, by encounter id), as shown; undefined if any is not in the log. */
export const encountersAt = async <Doc>(
  store: Pick<EventStore, 'readStream'>,
  projection: Pick<Projection<Doc>, 'evolve'>,
  versions: Readonly<Record<string, number>>,
  except: readonly string[] = [],
): Promise<Doc[] | undefined> => {
  const docs: Doc[] = [];
  for (const [id, version] of Object.entries(versions)) {
    if (except.includes(id)) continue;
    const doc = await encounterAt(store, projection, id, version);
    if (doc === undefined) return undefined;
    docs.push(doc);
  }
  return docs;
};
