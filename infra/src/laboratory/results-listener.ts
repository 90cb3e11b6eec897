import { randomUUID } from 'node:crypto';
import { ingestResults, type LaboratoryDeps } from '@hcms/laboratory';
import type { Consumer } from '@hcms/shared-kernel';
import type { Logger } from '../system/logger.js';
import { startMllpListener } from './hl7/mllp-listener.js';

/**
 * Laboratory's door for analysers and reference laboratories: HL7 v2 ORU^R01 over MLLP. A message
 * entered on its order or parked for a technician is acknowledged AA (the laboratory has it); one
 * whose content breaks a rule is answered AE with the reason and leaves nothing behind; one that
 * cannot be taken now, AR, to be sent again.
 */
export const startResultsListener = async (
  deps: LaboratoryDeps,
  at: { readonly mllpHost: string; readonly mllpPort: number },
  log: Logger,
): Promise<Consumer & { readonly port: number }> => {
  const ingest = ingestResults(deps);
  const listener = await startMllpListener({
    host: at.mllpHost,
    port: at.mllpPort,
    log,
    handle: async (message) => {
      const outcome = await ingest(message, randomUUID());
      if (outcome.outcome === 'refused') return { code: 'AE', reason: outcome.reason };
      if (outcome.outcome === 'later') return { code: 'AR', reason: outcome.reason };
      if (outcome.outcome === 'not-kept') log.info({ reason: outcome.reason }, 'results not kept');
      if (outcome.outcome === 'parked') log.info({ parkedId: outcome.parkedId, reason: outcome.reason }, 'results parked for a technician');
      return { code: 'AA' };
    },
  });
  log.info({ port: listener.port }, 'listening for HL7 v2 results (MLLP)');
  return { port: listener.port, stop: () => listener.close() };
};
