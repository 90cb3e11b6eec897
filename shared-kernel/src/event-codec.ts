import * as t from 'io-ts';

/** The codec of one domain event: its literal type tag and the codec of its data. */
export const eventCodec = <T extends string, D extends t.Mixed>(type: T, data: D) => t.type({ type: t.literal(type), data }, type);
