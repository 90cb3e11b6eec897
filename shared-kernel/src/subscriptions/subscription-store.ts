/** An event a subscription could not handle after its retries: set aside, named, replayable. */
export interface ParkedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  /** Whom it is about, when it is about a patient: a policy about another patient need not wait for it. */
  readonly patientId?: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

/** What a durable subscription has done: everything up to `position`, except what it parked. */
export interface SubscriptionRecord {
  readonly position: number;
  /** Oldest first. */
  readonly parked: readonly ParkedEvent[];
  /** Where a read model's documents are written, when the subscription is a projection. */
  readonly collection?: string;
  /**
   * The log `position` counts in (its id): positions of another log mean nothing here. Absent on
   * records written before logs had ids, and until the subscription has seen its log's first event.
   */
  readonly logId?: string;
  readonly updatedAt: string;
}

/** An operator's (or a rebuild's) request to a running subscription, taken by the subscription itself. */
export type NewSubscriptionRequest =
  /** Try parked events again (one, or all of this subscription's). */
  | { readonly kind: 'replay'; readonly eventId?: string }
  /** A rebuilt copy of a read model, replayed up to `position`: bring it level and write there from now on. */
  | { readonly kind: 'adopt-collection'; readonly collection: string; readonly position: number };
export type SubscriptionRequest = NewSubscriptionRequest & { readonly id: string };

/**
 * Where durable subscriptions keep their records. Each record has one writer (its subscription);
 * requests are separate documents so an operator never overwrites a subscription's progress.
 */
export interface SubscriptionStore {
  load(name: string): Promise<SubscriptionRecord | undefined>;
  save(name: string, record: SubscriptionRecord): Promise<void>;
  all(): Promise<readonly { readonly name: string; readonly record: SubscriptionRecord }[]>;
  request(name: string, request: NewSubscriptionRequest): Promise<void>;
  requests(name: string): Promise<readonly SubscriptionRequest[]>;
  complete(name: string, requestId: string): Promise<void>;
}

/** The first position a record has not applied: reads that need it or anything after must wait. */
export const appliedPosition = (record: Pick<SubscriptionRecord, 'position' | 'parked'>): number =>
  Math.min(record.position, (record.parked[0]?.position ?? Infinity) - 1);
