import * as E from 'fp-ts/lib/Either.js';
import { absurd } from 'fp-ts/lib/function.js';
import { invariantViolated, type Decider, type Problem } from '@hcms/shared-kernel';
import type { CatalogueCommand, DefineTest } from './catalogue.commands.js';
import type { CatalogueError } from './catalogue.errors.js';
import type { CatalogueEvent } from './catalogue.events.js';
import { evolve, initialState, type CatalogueState } from './catalogue.state.js';
import { definitionProblems, sameDefinition } from './test-definition.rules.js';

type Decision = E.Either<CatalogueError, readonly CatalogueEvent[]>;
const emit = (...events: CatalogueEvent[]): Decision => E.right(events);

/** A test's code names its stream: a definition under another code is another test. */
const sameCode = (cmd: DefineTest, s: CatalogueState): readonly Problem[] =>
  s.status === 'defined' && s.definition.code !== cmd.definition.code
    ? [{ path: 'body.code', rule: `must be ${s.definition.code}, the code of the test being redefined` }]
    : [];

const define = (cmd: DefineTest, s: CatalogueState): Decision => {
  const problems = [...definitionProblems(cmd.definition), ...sameCode(cmd, s)];
  if (problems.length > 0)
    return E.left(invariantViolated('INVALID_DEFINITION', 'the test definition does not hold together', { problems }));
  // Sent twice (a retried request, a replayed seed), a definition is recorded once.
  if (s.status === 'defined' && sameDefinition(s.definition, cmd.definition)) return emit();
  return emit({ type: 'TestDefined', data: { definition: cmd.definition, definedBy: cmd.actorId, definedAt: cmd.at } });
};

export const decide = (cmd: CatalogueCommand, s: CatalogueState): Decision => {
  switch (cmd.type) {
    case 'DefineTest':
      return define(cmd, s);
    default:
      return absurd(cmd.type);
  }
};

/** One test of the laboratory's catalogue, stream `labTest-<code>`. */
export const catalogueDecider: Decider<CatalogueCommand, CatalogueEvent, CatalogueState, CatalogueError> = {
  initialState,
  decide,
  evolve,
};
