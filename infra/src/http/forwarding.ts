import replyFrom from '@fastify/reply-from';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import type { Route } from '@hcms/shared-kernel';
import type { AuditTrail } from '../audit/audit-trail.js';
import { admit, sendAudited, type Gate } from './route-handler.js';

/**
 * How a gateway serves a route: admit here (a refusal is recorded here and never reaches the
 * service), then forward to the service that owns it. Every request header travels on (a
 * route's declared ones, `Accept`, the purpose of use), and the answer comes back as the
 * service sent it: its bytes and media type untouched, so a PDF arrives as it was rendered.
 */
export const forwardingTo =
  (upstreamOf: (route: Route) => string, gate: Gate, trail: AuditTrail) =>
  (route: Route): RouteHandlerMethod =>
  async (request, reply) => {
    const admitted = await admit(route, gate, request);
    if (admitted._tag === 'Left') return sendAudited(route, trail, request, reply, admitted.left);
    // The upstream records the id this gateway accepted or generated, so the answer and the log
    // agree, and the client's address (it trusts this gateway as a proxy).
    return reply.from(`${upstreamOf(route)}${request.url}`, {
      rewriteRequestHeaders: (_original, headers) => ({ ...headers, 'x-request-id': request.id, 'x-forwarded-for': request.ip }),
    });
  };

/**
 * The proxy itself, registered before the routes. It would log each upstream URL with its query
 * string (names, cursors): the host already logs every request by path only.
 */
export const forwarding = async (app: FastifyInstance): Promise<void> =>
  void (await app.register(replyFrom, { disableRequestLogging: true }));
