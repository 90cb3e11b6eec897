/** `RouteAudit.patientsIn` for an answer that lists `items`, each naming its `patientId`. */
export const patientsInItems = (body: unknown): readonly string[] => {
  const items = (body as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => {
    const id = (item as { patientId?: unknown } | null)?.patientId;
    return typeof id === 'string' ? [id] : [];
  });
};
