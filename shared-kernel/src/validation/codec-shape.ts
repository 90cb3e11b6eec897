import type * as t from 'io-ts';

/**
 * io-ts codecs carry their structure at run time (`_tag`, `props`, `types`...).
 * This module reads it, so the boundary can reject unknown fields and the API can
 * publish a JSON Schema from the very codec that validates requests.
 */
type Any = t.Mixed & { readonly _tag?: string };

export type Shape =
  | { readonly kind: 'object'; readonly props: Record<string, Any>; readonly required: readonly string[] }
  | { readonly kind: 'array'; readonly item: Any }
  | { readonly kind: 'union'; readonly members: readonly Any[] }
  | { readonly kind: 'wrapper'; readonly inner: Any }
  | { readonly kind: 'keyof'; readonly keys: readonly string[] }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'scalar'; readonly type: 'string' | 'number' | 'integer' | 'boolean' | 'null' | 'unknown' };

interface Internals {
  readonly props?: Record<string, Any>;
  readonly types?: readonly Any[];
  readonly type?: Any;
  readonly keys?: Record<string, unknown>;
  readonly value?: string | number | boolean;
  readonly name: string;
}

export const shapeOf = (codec: t.Mixed): Shape => {
  const c = codec as Any & Internals;
  switch (c._tag) {
    case 'InterfaceType':
      return { kind: 'object', props: c.props ?? {}, required: Object.keys(c.props ?? {}) };
    case 'PartialType':
      return { kind: 'object', props: c.props ?? {}, required: [] };
    case 'IntersectionType': {
      const parts = (c.types ?? []).map(shapeOf);
      if (parts.every((p) => p.kind === 'object')) {
        return {
          kind: 'object',
          props: Object.assign({}, ...parts.map((p) => (p.kind === 'object' ? p.props : {}))) as Record<string, Any>,
          required: parts.flatMap((p) => (p.kind === 'object' ? p.required : [])),
        };
      }
      return { kind: 'wrapper', inner: (c.types ?? [])[0] as Any };
    }
    case 'ExactType':
    case 'ReadonlyType':
    case 'RefinementType':
      return { kind: 'wrapper', inner: c.type as Any };
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { kind: 'array', item: c.type as Any };
    case 'UnionType':
      return { kind: 'union', members: c.types ?? [] };
    case 'KeyofType':
      return { kind: 'keyof', keys: Object.keys(c.keys ?? {}) };
    case 'LiteralType':
      return { kind: 'literal', value: c.value ?? '' };
    case 'StringType':
      return { kind: 'scalar', type: 'string' };
    case 'NumberType':
      return { kind: 'scalar', type: 'number' };
    case 'BooleanType':
      return { kind: 'scalar', type: 'boolean' };
    case 'NullType':
      return { kind: 'scalar', type: 'null' };
    default:
      return c.name === 'Int' ? { kind: 'scalar', type: 'integer' } : { kind: 'scalar', type: 'unknown' };
  }
};

/** Extra JSON-Schema facts (format, pattern, bounds) that a refinement cannot express by itself. */
const hints = new WeakMap<t.Mixed, Record<string, unknown>>();

/**
 * The codec with these facts for the API document. It describes a copy: a codec shared by many
 * fields (`t.string`, a branded primitive) must not take on one field's bounds, and facts already
 * known of the codec (a pattern) are kept unless restated.
 */
export const withSchema = <C extends t.Mixed>(codec: C, schema: Record<string, unknown>): C => {
  const described = Object.create(codec) as C;
  hints.set(described, { ...hints.get(codec), ...schema });
  return described;
};

/** States the schema of a codec defined where this module is out of reach (the ids), on the codec itself. */
export const describeCodec = (codec: t.Mixed, schema: Record<string, unknown>): void => void hints.set(codec, schema);

export const schemaHintOf = (codec: t.Mixed): Record<string, unknown> | undefined => hints.get(codec);
