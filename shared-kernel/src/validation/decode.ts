import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type DomainError, type Problem } from '../errors.js';
import { shapeOf, schemaHintOf } from './codec-shape.js';

// Intersections and unions add member indexes ("0", "1") to the context: not part of the data's path.
const pathOf = (context: t.Context): string =>
  context
    .filter((_entry, i) => {
      const parent = (context[i - 1]?.type as { _tag?: string } | undefined)?._tag;
      return i > 0 && parent !== 'IntersectionType' && parent !== 'UnionType';
    })
    .map((entry) => entry.key)
    .join('.');

const ruleOf = (error: t.ValidationError): string => {
  if (error.message) return error.message;
  const last = error.context[error.context.length - 1];
  if (!last) return 'invalid';
  if (last.actual === undefined) return 'required';
  const hint = schemaHintOf(last.type as t.Mixed);
  if (typeof hint?.['description'] === 'string') return hint['description'];
  const shape = shapeOf(last.type as t.Mixed);
  if (shape.kind === 'keyof') return `must be one of: ${shape.keys.join(', ')}`;
  if (shape.kind === 'literal') return `must be ${JSON.stringify(shape.value)}`;
  return `must be ${last.type.name}`;
};

const dedupe = (problems: readonly Problem[]): Problem[] => {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.rule}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Fields the codec does not declare: a typo in a clinical form must not vanish silently. */
export const unknownFields = (codec: t.Mixed, value: unknown, path = ''): Problem[] => {
  const shape = shapeOf(codec);
  const at = (key: string) => (path ? `${path}.${key}` : key);
  switch (shape.kind) {
    case 'wrapper':
      return unknownFields(shape.inner, value, path);
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, i) => unknownFields(shape.item, item, at(String(i)))) : [];
    case 'union': {
      const member = shape.members.find((m) => m.is(value) || E.isRight(m.decode(value)));
      return member ? unknownFields(member, value, path) : [];
    }
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
      return Object.entries(value).flatMap(([key, v]) => {
        const prop = shape.props[key];
        return prop ? unknownFields(prop, v, at(key)) : [{ path: at(key), rule: 'unknown field' }];
      });
    }
    default:
      return [];
  }
};

/** Decode untrusted input: either the typed value or every problem as `{path, rule}`. */
export const decode = <A, O>(codec: t.Type<A, O, unknown>, value: unknown, where = 'body'): E.Either<DomainError, A> => {
  // Not `codec.decode`: io-ts binds it to the codec it was built as, and a described copy (withSchema)
  // must be the one the errors name, so its rule is told.
  const result = codec.validate(value, [{ key: '', type: codec, actual: value }]);
  const problems = E.isLeft(result)
    ? dedupe(result.left.map((error) => ({ path: pathOf(error.context), rule: ruleOf(error) })))
    : unknownFields(codec, value);
  if (problems.length > 0 || E.isLeft(result)) {
    return E.left(
      validationError('INVALID_INPUT', `invalid ${where}: ${problems.map((p) => `${p.path || where} ${p.rule}`).join('; ')}`, {
        problems: problems.map((p) => ({ ...p, path: p.path ? `${where}.${p.path}` : where })),
      }),
    );
  }
  return E.right(result.right);
};

/** Decode something we wrote ourselves (events read back, messages consumed): a mismatch is a fault. */
export const decodeOrThrow = <A, O>(codec: t.Type<A, O, unknown>, value: unknown, what: string): A => {
  const result = codec.decode(value);
  if (E.isRight(result)) return result.right;
  const problems = result.left.map((error) => `${pathOf(error.context) || '(root)'} ${ruleOf(error)}`);
  throw new Error(
    `corrupt ${what}: ${dedupe(problems.map((rule) => ({ path: '', rule })))
      .map((p) => p.rule)
      .join('; ')}`,
  );
};
