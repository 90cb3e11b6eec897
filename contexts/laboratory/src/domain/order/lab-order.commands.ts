import type { AnalyteTest, Sex, TestDefinition } from '../catalogue/test-definition.js';
import type { LabOrderEventOf } from './lab-order.events.js';
import type { Comparator, LabPriority, OrderSource, ReachedRole, RejectionReason, ResultSource, SpecimenType } from './lab-order.values.js';

/** Every command carries who and when (stamped by the handler) and the patient it is about. */
interface Base {
  readonly at: string;
  readonly actorId: string;
  readonly patientId: string;
}

/** The patient as the ranges need them, read from Patients just before deciding. */
export interface Subject {
  readonly sex: Sex;
  readonly birthDate: string;
}

/**
 * A value as entered, already in the test's unit (the application converts with UCUM, outside the
 * domain); `entered` keeps what was typed or sent when it was another unit.
 */
export type EnteredValue =
  | {
      readonly kind: 'numeric';
      readonly value: number;
      readonly comparator?: Comparator;
      readonly entered?: { readonly value: number; readonly unit: string };
    }
  | { readonly kind: 'coded'; readonly code: string }
  | { readonly kind: 'text'; readonly text: string };

export interface EnteredResult {
  readonly code: string;
  readonly value: EnteredValue;
}

export type LabOrderCommand =
  | (Base & {
      readonly type: 'PlaceLabOrder';
      readonly labOrderId: string;
      readonly source: OrderSource;
      /** The catalogue's definitions of the tests ordered, and of every panel's members. */
      readonly tests: readonly TestDefinition[];
      readonly members: readonly TestDefinition[];
      readonly priority: LabPriority;
      readonly note?: string;
      /** The clinician who ordered, when not the actor (an encounter's order placed by a policy). */
      readonly orderingClinicianId?: string;
    })
  | (Base & {
      readonly type: 'CollectSpecimen';
      readonly accessionNumber: string;
      readonly specimenType: SpecimenType;
      readonly collectedAt: string;
    })
  | (Base & { readonly type: 'ReceiveSpecimen'; readonly accessionNumber: string })
  | (Base & { readonly type: 'RejectSpecimen'; readonly accessionNumber: string; readonly reason: RejectionReason; readonly note?: string })
  | (Base & {
      readonly type: 'EnterResults';
      readonly accessionNumber: string;
      readonly results: readonly EnteredResult[];
      readonly source: ResultSource;
      /** The catalogue's definitions of the analytes entered, as they stand now. */
      readonly definitions: readonly AnalyteTest[];
      readonly subject: Subject;
    })
  | (Base & { readonly type: 'VerifyResults' })
  | (Base & {
      readonly type: 'CorrectResults';
      readonly reason: string;
      readonly results: readonly EnteredResult[];
      readonly definitions: readonly AnalyteTest[];
      readonly subject: Subject;
    })
  | (Base & {
      readonly type: 'RecordCriticalCallback';
      readonly alertId: string;
      readonly reached: { readonly name: string; readonly role: ReachedRole };
      readonly readBack: boolean;
      readonly calledAt: string;
    })
  | (Base & { readonly type: 'CancelLabOrder'; readonly reason?: string })
  | (Base & { readonly type: 'EraseDetails' });

export type LabOrderCommandOf<T extends LabOrderCommand['type']> = Extract<LabOrderCommand, { type: T }>;
export type { LabOrderEventOf };
