// A browser-like client for the benches: keeps its cookies, reads a page's CSRF token, and times
// requests sent by several connections at once.

/** A visitor of the app: cookies kept between requests, behind the HTTPS proxy. */
export class WebClient {
  private readonly cookies = new Map<string, string>();

  constructor(
    readonly base: string,
    private readonly headers: Record<string, string> = { 'x-forwarded-proto': 'https' },
  ) {}

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  }

  private requestHeaders(extra: Record<string, string>) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...this.headers, ...(cookie && { cookie }), ...extra };
  }

  async get(path: string, extra: Record<string, string> = {}): Promise<Response> {
    return this.keep(
      await fetch(`${this.base}${path}`, {
        redirect: 'manual',
        headers: this.requestHeaders(extra),
      }),
    );
  }

  async post(
    path: string,
    form: Record<string, string | string[]>,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form))
      for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return this.keep(
      await fetch(`${this.base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: this.requestHeaders({
          'content-type': 'application/x-www-form-urlencoded',
          ...extra,
        }),
        body: body.toString(),
      }),
    );
  }

  async postMultipart(path: string, form: FormData): Promise<Response> {
    return this.keep(
      await fetch(`${this.base}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: this.requestHeaders({}),
        body: form,
      }),
    );
  }

  /** The CSRF token of a page's form (a token is valid for every form of the same visitor). */
  async csrf(path: string): Promise<string> {
    const res = await this.get(path);
    const html = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!token) throw new Error(`no form token on ${path} (${res.status}): ${html.slice(0, 300)}`);
    return token;
  }
}

export interface Latency {
  label: string;
  count: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

/**
 * Sends `count` requests over `connections` concurrent loops, `send(i)` making request i; a
 * request counts as an error unless its status is `expected`. Returns its percentiles in ms.
 */
export async function timeRequests(
  label: string,
  count: number,
  connections: number,
  send: (i: number) => Promise<Response>,
  expected: number,
): Promise<Latency> {
  const durations: number[] = [];
  let next = 0;
  let errors = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        const res = await send(i);
        await res.arrayBuffer();
        durations.push(performance.now() - started);
        if (res.status !== expected) {
          errors++;
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }
    }),
  );
  durations.sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]);
  const result = { label, count, p50: at(0.5), p99: at(0.99), max: at(1), errors };
  const unexpected = [...statuses].map(([s, n]) => `${n}× ${s}`).join(', ');
  console.log(
    `  ${label}: p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms, errors ${errors}${unexpected && ` (${unexpected})`}`,
  );
  return result;
}
