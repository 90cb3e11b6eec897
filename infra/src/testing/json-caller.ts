export type Call = (
  method: string,
  path: string,
  body?: unknown,
  role?: 'admin',
) => Promise<{ readonly status: number; readonly body: Record<string, unknown> }>;

// Response bodies are asserted field by field in specs.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ResponseBody = any;

/** One request to the platform's HTTP API with a bearer token, JSON in and out (`undefined` for an empty answer). */
export const bearerCall =
  (baseUrl: string) =>
  async (
    method: string,
    path: string,
    body: unknown,
    token: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: ResponseBody }> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

/** A client of the platform's HTTP API: a bearer token for staff or an admin, JSON in and out. */
export const jsonCaller = (baseUrl: string, tokens: { readonly staff: string; readonly admin: string }): Call => {
  const call = bearerCall(baseUrl);
  return async (method, path, body, role) => {
    const answer = await call(method, path, body, role === 'admin' ? tokens.admin : tokens.staff);
    return { status: answer.status, body: (answer.body ?? {}) as Record<string, unknown> };
  };
};
