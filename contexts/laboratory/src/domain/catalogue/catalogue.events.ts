import * as t from 'io-ts';
import { eventCodec, IsoDateTime } from '@hcms/shared-kernel';
import { TestDefinition } from './test-definition.js';

/** An administrator defined a test (or replaced its definition): orders placed from now on use it. */
export const TestDefined = eventCodec('TestDefined', t.type({ definition: TestDefinition, definedBy: t.string, definedAt: IsoDateTime }));

/** Every event of a catalogue entry's stream (one kind, so far). */
export const CatalogueEvent = TestDefined;
export type CatalogueEvent = t.TypeOf<typeof CatalogueEvent>;
