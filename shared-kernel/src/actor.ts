import * as t from 'io-ts';

export const Roles = ['admin', 'clinician', 'receptionist', 'lab-technician', 'billing-clerk', 'auditor', 'patient'] as const;

export const RoleCodec = t.keyof(Object.fromEntries(Roles.map((r) => [r, null])) as Record<Role, null>, 'Role');
export type Role = (typeof Roles)[number];

/** Who did it: recorded in every event's metadata. */
export const ActorCodec = t.type({ id: t.string, role: RoleCodec }, 'Actor');
export type Actor = t.TypeOf<typeof ActorCodec>;
