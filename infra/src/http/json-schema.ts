import type * as t from 'io-ts';
import { schemaHintOf, shapeOf } from '@hcms/shared-kernel';

export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of an io-ts codec, for the API document: the codec stays the validator. */
export const toJsonSchema = (codec: t.Mixed): JsonSchema => {
  const hint = schemaHintOf(codec);
  // A hint that names no type only adds facts (bounds of a list) to the codec's own schema.
  if (hint && ('type' in hint || 'enum' in hint)) return hint;
  const shape = shapeOf(codec);
  return hint ? { ...structural(shape), ...hint } : structural(shape);
};

const structural = (shape: ReturnType<typeof shapeOf>): JsonSchema => {
  switch (shape.kind) {
    case 'object':
      return {
        type: 'object',
        properties: Object.fromEntries(Object.entries(shape.props).map(([k, v]) => [k, toJsonSchema(v)])),
        ...(shape.required.length > 0 ? { required: [...shape.required] } : {}),
        additionalProperties: false,
      };
    case 'array':
      return { type: 'array', items: toJsonSchema(shape.item) };
    case 'union':
      return { anyOf: shape.members.map(toJsonSchema) };
    case 'wrapper':
      return toJsonSchema(shape.inner);
    case 'keyof':
      return { type: 'string', enum: [...shape.keys] };
    case 'literal':
      return { enum: [shape.value] };
    case 'scalar':
      return shape.type === 'unknown' ? {} : { type: shape.type };
  }
};
