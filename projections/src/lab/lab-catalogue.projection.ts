import { toDomainEvent } from '@hcms/shared-kernel';
import { catalogueEvents, type CatalogueEvent, type TestDefinition } from '@hcms/laboratory/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

/** A test an administrator defined: its definition replaces the starter catalogue's. */
export interface DefinedTest {
  readonly code: string;
  readonly definition: TestDefinition;
  readonly definedBy: string;
  readonly definedAt: string;
}

export const evolveDefinedTest = (_doc: DefinedTest | null, e: CatalogueEvent): DefinedTest | null => {
  const { definition, definedBy, definedAt } = e.data;
  return { code: definition.code, definition, definedBy, definedAt };
};

export const labCatalogueProjection: Projection<DefinedTest> = {
  name: 'lab-catalogue',
  // Read whole, in id order: a catalogue is a few hundred tests.
  indexes: [],
  documentOf: documentPerStream('labTest-'),
  evolve: (doc, event) => evolveDefinedTest(doc, toDomainEvent(catalogueEvents, event)),
};
