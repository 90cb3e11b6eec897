/** The parts of an OpenAPI 3 document this touches. */
interface Operation {
  operationId?: string;
  responses?: Record<string, { links?: Record<string, unknown> } & Record<string, unknown>>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'patch', 'delete', 'head', 'options', 'trace']);

const operationIdOf = (method: string, path: string): string =>
  `${method}${path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`;

/**
 * Names every operation and links each id a POST creates to the operations that take it, the way
 * a client follows them: `POST /patients` answers `patientId`, which `GET /patients/{patientId}`
 * and `POST /patients/{patientId}/allergies` take. The creator of `{x}` is the POST on the path
 * before it; the target's other ids come from the creator's own path. So a client (or a fuzzer)
 * generating requests from the document reaches past "no such patient".
 */
export const withLinks = (doc: OpenApiDocument): OpenApiDocument => {
  const paths = doc.paths ?? {};
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (HTTP_METHODS.has(method)) operation.operationId ??= operationIdOf(method, path);
    }
  }
  for (const [path, operations] of Object.entries(paths)) {
    const segments = path.split('/');
    const ids = segments.flatMap((s, i) => (/^\{\w+\}$/.test(s) ? [{ name: s.slice(1, -1), at: i }] : []));
    for (const { name, at } of ids) {
      const creatorPath = segments.slice(0, at).join('/');
      const created = paths[creatorPath]?.['post'];
      const success = Object.entries(created?.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1];
      if (!success) continue;
      // Ids before this one are in the creator's path; ids after it are created later, by another link.
      const known = ids.filter((id) => id.at < at).map((id) => id.name);
      if (ids.some((id) => id.at > at)) continue;
      for (const [method, target] of Object.entries(operations)) {
        if (!HTTP_METHODS.has(method) || !target.operationId) continue;
        const parameters: Record<string, string> = { [name]: `$response.body#/${name}` };
        for (const id of known) parameters[id] = `$request.path.${id}`;
        success.links = { ...success.links, [target.operationId]: { operationId: target.operationId, parameters } };
      }
    }
  }
  return doc;
};
