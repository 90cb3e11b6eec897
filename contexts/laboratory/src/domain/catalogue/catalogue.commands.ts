import type { IsoDateTime } from '@hcms/shared-kernel';
import type { TestDefinition } from './test-definition.js';

/**
 * Define a test, or replace its definition (stream `labTest-<code>`). Whether a panel's members are
 * in the catalogue is the handler's to check: it reads the catalogue, this stream holds one test.
 */
export interface DefineTest {
  readonly type: 'DefineTest';
  readonly definition: TestDefinition;
  readonly at: IsoDateTime;
  readonly actorId: string;
}

export type CatalogueCommand = DefineTest;
