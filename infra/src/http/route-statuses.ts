import { shapeOf, type Route } from '@hcms/shared-kernel';

/** Methods whose requests carry a body, so the body parser may answer 413 or 415. */
const WITH_BODY: ReadonlySet<Route['method']> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const takesMinPosition = (route: Route): boolean => {
  if (!route.query) return false;
  const shape = shapeOf(route.query);
  return shape.kind === 'object' && 'minPosition' in shape.props;
};

/**
 * Every status a route can answer, read from its descriptor and the pipeline every route shares,
 * so the API document cannot drift from the server. 500 is a fault and never documented.
 */
export const statusesOf = (route: Route): readonly number[] => {
  const statuses = new Set<number>([
    route.successStatus ?? 200,
    // Params, query and body are decoded for every route: an unknown query field is a 400 too.
    400,
    401,
    403,
    ...(route.errors ?? []),
  ]);
  // An id in the path may name nothing.
  if (route.params) statuses.add(404);
  if (WITH_BODY.has(route.method)) {
    // A write that keeps meeting concurrent changes gives up with 409 (the pipeline maps it).
    statuses.add(409);
    statuses.add(413);
    statuses.add(415);
  }
  // Read-your-writes: a read model that has not applied the position yet, or set an event aside.
  if (takesMinPosition(route)) statuses.add(503);
  // An answer is sent only once its audit entry is durable; when it cannot be, 503.
  if (route.audit !== 'no-patient-data') statuses.add(503);
  return [...statuses].sort((a, b) => a - b);
};
