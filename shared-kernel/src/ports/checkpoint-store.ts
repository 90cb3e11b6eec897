/** Durable "processed up to here" marks for the relay and other log followers. */
export interface CheckpointStore {
  load(name: string): Promise<number | undefined>;
  save(name: string, position: number): Promise<void>;
}
