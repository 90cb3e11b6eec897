import type { Channel } from './notification.events.js';

/** Where someone can be reached, and how they prefer to be. */
export interface Addresses {
  readonly email?: string;
  readonly phone?: string;
  readonly preferred?: Channel;
}

/** A patient's contact details and wishes, as Notifications learned them from Patients' events. */
export interface Contact extends Addresses {
  readonly optOut: boolean;
  readonly deceased?: boolean;
}

export interface Recipient {
  readonly channel: Channel;
  readonly to: string;
}

/** Why nothing is sent: the reason recorded on the cancelled notification. */
export type Withheld = { readonly withheld: string };

export const WITHHELD = {
  unknown: { withheld: 'no contact details for the patient' },
  deceased: { withheld: 'patient deceased' },
  optedOut: { withheld: 'patient opted out' },
  noAddress: { withheld: 'no address for the patient' },
  erased: { withheld: 'patient erased' },
} as const satisfies Record<string, Withheld>;

/** The preferred channel first, the other as a fallback, so a patient with one address is still reached. */
export const addressOf = (contact: Addresses): Recipient | undefined => {
  const order: Channel[] = contact.preferred === 'sms' ? ['sms', 'email'] : ['email', 'sms'];
  for (const channel of order) {
    const to = channel === 'email' ? contact.email : contact.phone;
    if (to) return { channel, to };
  }
  return undefined;
};

/** Whom to send to now — or why not: decided at send time, so a later opt-out or new address counts. */
export const recipientOf = (contact: Contact | undefined): Recipient | Withheld => {
  if (!contact) return WITHHELD.unknown;
  if (contact.deceased) return WITHHELD.deceased;
  if (contact.optOut) return WITHHELD.optedOut;
  return addressOf(contact) ?? WITHHELD.noAddress;
};

export const isWithheld = (r: object): r is Withheld => 'withheld' in r;
