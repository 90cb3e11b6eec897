import * as E from 'fp-ts/lib/Either.js';
import {
  conflict,
  invariantViolated,
  runCommand,
  toIsoDateTime,
  type CommandContext,
  type CommandResult,
  type DomainError,
} from '@hcms/shared-kernel';
import { labTestStream } from '../contract.js';
import type { TestDefinition } from '../domain/catalogue/test-definition.js';
import { catalogueAggregate } from './aggregate.js';
import { definitionOf } from './catalogue.js';
import type { LaboratoryDeps } from './laboratory.deps.js';

/**
 * An administrator defines a test, or replaces its definition: orders and results from then on use
 * it, and what was reported before keeps the ranges it was read against. A panel's members must be
 * tests of the catalogue with a result of their own, and of the panel's specimen type.
 */
export const defineTest =
  (deps: LaboratoryDeps) =>
  async (definition: TestDefinition, ctx: CommandContext, readVersion?: number): Promise<E.Either<DomainError, CommandResult>> => {
    // Results are converted to this unit: one UCUM does not know could take no result at all.
    const unit = definition.kind === 'numeric' ? deps.units.known(definition.unit) : E.right('');
    if (E.isLeft(unit))
      return E.left(
        invariantViolated('INVALID_UNIT', 'the test’s unit is not UCUM', { problems: [{ path: 'body.unit', rule: unit.left.rule }] }),
      );
    if (definition.kind === 'panel') {
      const problems = [];
      for (const [i, code] of definition.members.entries()) {
        const member = await definitionOf(deps, code);
        if (!member || member.kind === 'panel')
          problems.push({ path: `body.members.${i}`, rule: `${code} must be a test of the catalogue with a result of its own` });
        else if (member.specimenType !== definition.specimenType)
          problems.push({ path: `body.members.${i}`, rule: `${code} is tested on ${member.specimenType}, not ${definition.specimenType}` });
      }
      if (problems.length > 0) return E.left(invariantViolated('INVALID_DEFINITION', 'the panel’s members do not fit it', { problems }));
    }
    const command = { type: 'DefineTest' as const, definition, at: toIsoDateTime(ctx.now), actorId: ctx.actor.id };
    const stream = labTestStream(definition.code);
    if (readVersion === undefined) return runCommand(deps, catalogueAggregate, stream, command, ctx);
    const result = await runCommand(deps, catalogueAggregate, stream, command, ctx, { expectedVersion: readVersion });
    return E.isLeft(result) && result.left.code === 'STREAM_CHANGED'
      ? E.left(conflict('TEST_DEFINITION_CHANGED', `the test's definition changed since version ${readVersion}: read it again`))
      : result;
  };
