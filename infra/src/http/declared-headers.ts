import type { IncomingHttpHeaders } from 'node:http';
import * as E from 'fp-ts/lib/Either.js';
import type { HeaderSpec, Problem } from '@hcms/shared-kernel';

export type DeclaredHeaders = Readonly<Record<string, string>>;

/**
 * Reads the request headers a route declares, each checked against its spec; any other header
 * never reaches the route. The patterns are compiled once, when the route is served, so a
 * pattern that is not a regular expression fails at start-up rather than on a request.
 */
export const declaredHeaders = (specs: readonly HeaderSpec[]) => {
  // JSON Schema patterns are ECMA-262 expressions, matched anywhere unless anchored: as the document says.
  const checks = specs.map((spec) => ({ spec, pattern: new RegExp(spec.pattern, 'u') }));
  return (sent: IncomingHttpHeaders): E.Either<Problem[], DeclaredHeaders> => {
    const headers: Record<string, string> = {};
    const problems: Problem[] = [];
    for (const { spec, pattern } of checks) {
      const raw = sent[spec.name.toLowerCase()];
      // Node joins repeated headers with ", " (set-cookie aside): a repeated key is then one value that must match.
      const value = Array.isArray(raw) ? raw.join(', ') : raw;
      const path = `headers.${spec.name}`;
      if (value === undefined) {
        if (spec.required) problems.push({ path, rule: 'required' });
      } else if (!pattern.test(value)) problems.push({ path, rule: `must match ${spec.pattern}` });
      else headers[spec.name] = value;
    }
    return problems.length > 0 ? E.left(problems) : E.right(headers);
  };
};

/** The declared headers as the properties of the host's header schema: the API document lists each as a parameter. */
export const headerSchemaOf = (specs: readonly HeaderSpec[]) => ({
  properties: Object.fromEntries(
    specs.map((spec) => [spec.name, { type: 'string', pattern: spec.pattern, description: spec.description }]),
  ),
  required: specs.filter((spec) => spec.required).map((spec) => spec.name),
});
