import type { CheckpointStore, ReadStore } from '@hcms/shared-kernel';

/**
 * Checkpoints as documents, for event stores that cannot keep them without logging each one
 * as an event (which the relay would then publish, and checkpoint, forever).
 */
export class ReadStoreCheckpointStore implements CheckpointStore {
  constructor(
    private readonly readStore: ReadStore,
    private readonly collection = 'relay_checkpoints',
  ) {}

  async load(name: string): Promise<number | undefined> {
    return (await (await this.readStore.collection<{ position: number }>(this.collection)).get(name))?.doc.position;
  }

  async save(name: string, position: number): Promise<void> {
    await (await this.readStore.collection<{ position: number }>(this.collection)).put(name, { position }, position);
  }
}
