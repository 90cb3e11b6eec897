import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../../');

/** Where taking messages straight off the bus is the point: the bus adapters and the mechanism itself. */
const MAY_CONSUME = ['infra/src/bus/', 'infra/src/testing/', 'infra/src/bench/', 'shared-kernel/src/subscriptions/'];

const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });

describe('Reactions to events', () => {
  it('are durable subscriptions: nothing outside the bus adapters and the subscription mechanism consumes the bus', () => {
    const roots = ['contexts', 'projections/src', 'infra/src', 'shared-kernel/src'].map((dir) => join(root, dir));
    const offences = roots
      .flatMap(sources)
      .map((file) => relative(root, file))
      .filter((file) => !MAY_CONSUME.some((allowed) => file.startsWith(allowed)))
      .filter((file) => /\.consume\s*\(/.test(readFileSync(join(root, file), 'utf8')));
    expect(offences, 'react through DurableSubscription (shared-kernel/src/subscriptions), not bus.consume').to.deep.equal([]);
  });
});
