export type Call = (
  method: string,
  path: string,
  body?: unknown,
  role?: 'admin',
) => Promise<{ readonly status: number; readonly body: Record<string, unknown> }>;

/** A client of the platform's HTTP API: a bearer token for staff or an admin, JSON in and out. */
export const jsonCaller =
  (baseUrl: string, tokens: { readonly staff: string; readonly admin: string }): Call =>
  async (method, path, body, role) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${role === 'admin' ? tokens.admin : tokens.staff}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };
