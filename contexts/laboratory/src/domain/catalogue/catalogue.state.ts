import type { CatalogueEvent } from './catalogue.events.js';
import type { TestDefinition } from './test-definition.js';

/** One test of the catalogue: its definition as it stands, once defined. */
export type CatalogueState = { readonly status: 'none' } | { readonly status: 'defined'; readonly definition: TestDefinition };

export const initialState: CatalogueState = { status: 'none' };

export const evolve = (_state: CatalogueState, event: CatalogueEvent): CatalogueState => {
  switch (event.type) {
    case 'TestDefined':
      return { status: 'defined', definition: event.data.definition };
  }
};
