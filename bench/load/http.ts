// Small JSON-over-HTTP helpers of bench:load: logging in and calling the running application.

/** A JSON request to the application; throws with the status unless it is `expect`. */
export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  token: string | undefined,
  body?: unknown,
  expect = method === 'POST' ? 201 : 200,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== expect) {
    throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

/** Logs in through POST /api/v1/auth/login (real authentication); returns the access token. */
export async function login(base: string, email: string, password: string): Promise<string> {
  const pair = await call<{ accessToken: string }>(
    base,
    'POST',
    '/api/v1/auth/login',
    undefined,
    { email, password },
    200,
  );
  return pair.accessToken;
}
