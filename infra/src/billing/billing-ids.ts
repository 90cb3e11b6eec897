import { v5 as uuidV5 } from 'uuid';

/** The namespace of Billing's name-based ids (a fixed, random UUID). */
const BILLING = '8e2f6b1d-4c7a-4e93-b5d0-7a1c3f9e6d28';

/** A name-based UUID (RFC 9562 v5): a redelivered charge or a retried payment gets the id it had. */
export const billingDerivedId = (...parts: readonly string[]): string => uuidV5(parts.join('\u001f'), BILLING);
