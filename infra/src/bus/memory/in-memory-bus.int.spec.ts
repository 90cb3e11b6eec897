import { messageBusContract } from '../../testing/message-bus.contract.js';
import { InMemoryBus } from './in-memory-bus.js';

messageBusContract('in-process', async () => new InMemoryBus(5));
