import { toDomainEvent } from '@hcms/shared-kernel';
import { providerEvents, type ProviderState } from '@hcms/appointments/contract';
import { documentPerStream, type Projection } from '../runner/projection.js';

export type ProviderDoc = Extract<ProviderState, { status: 'active' }> & { readonly specialtyKey: string };

export const providerDirectoryProjection: Projection<ProviderDoc> = {
  name: 'provider-directory',
  indexes: [{ fields: ['specialtyKey'] }, { fields: ['name'] }],
  documentOf: documentPerStream('provider-'),
  evolve: (doc, event) => {
    const e = toDomainEvent(providerEvents, event);
    switch (e.type) {
      case 'ProviderRegistered':
        return { status: 'active', ...e.data, hours: [], slotMinutes: 30, exceptions: [], specialtyKey: e.data.specialty.toLowerCase() };
      case 'WeeklyAvailabilitySet':
        return doc && { ...doc, hours: e.data.hours, slotMinutes: e.data.slotMinutes };
      case 'AvailabilityExceptionAdded':
        return doc && { ...doc, exceptions: [...doc.exceptions, e.data] };
    }
  },
};
