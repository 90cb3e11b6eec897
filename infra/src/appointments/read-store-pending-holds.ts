import type { PendingHolds } from '@hcms/appointments';
import { pendingHoldsProjection, type PendingHoldsDoc, type ReadModelDeps } from '@hcms/projections';

/** Unconfirmed holds older than a cutoff, from the pending-holds read model (one document per provider-day). */
export const readStorePendingHolds = (readModels: Pick<ReadModelDeps, 'collections'>): PendingHolds => ({
  olderThan: async (cutoff, limit) => {
    const days = await (
      await readModels.collections.of<PendingHoldsDoc>(pendingHoldsProjection)
    ).find({ where: [{ field: 'oldestSince', op: 'lt', value: cutoff }], sort: { field: 'oldestSince', direction: 'asc' }, limit });
    return days.items
      .flatMap(({ doc }) => doc.holds.filter((h) => h.since < cutoff).map((h) => ({ ...h, stream: doc.stream })))
      .slice(0, limit);
  },
});
