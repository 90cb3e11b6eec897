import { notificationEvents } from '../contract.js';
import { notificationDecider } from '../domain/notification.decider.js';

export const notificationAggregate = { decider: notificationDecider, events: notificationEvents };
