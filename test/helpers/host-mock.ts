import type { MockAgent } from 'undici';

/**
 * Test support for in-process command tests: a provider's sandbox hosts on an undici MockAgent, each answer
 * given once, and every request recorded as sent. `SolarisMock`, `FinapiMock` and `SoldoMock` add the provider's
 * token answer and habits.
 */

export interface SeenRequest {
  method: string;
  /** Query string included. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: string;
}


/** Which requests an answer is for: an exact path (query included) or a test of the path. */
export type PathMatch = string | ((path: string) => boolean);

export class HostMock<Host extends string> {
  readonly seen: SeenRequest[] = [];

  constructor(
    protected readonly agent: MockAgent,
    private readonly hosts: Readonly<Record<Host, string>>,
  ) {}

  /** Answers the next `method path` on `host` once (`method` '*' for any); `body` may be made from the request. */
  answer(host: Host, method: string, path: PathMatch, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    this.agent
      .get(this.hosts[host])
      .intercept({ method: method === '*' ? () => true : method, path })
      .reply((req) => {
        const sent = Object.fromEntries(Object.entries((req.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), String(v)]));
        const seen = { method: req.method, path: req.path, headers: sent, body: req.body === undefined || req.body === null ? '' : String(req.body) };
        this.seen.push(seen);
        const answer: unknown = typeof body === 'function' ? (body as (request: SeenRequest) => unknown)(seen) : body;
        const data = answer === undefined ? '' : typeof answer === 'string' ? answer : JSON.stringify(answer);
        return { statusCode: status, data, responseOptions: { headers: { 'content-type': 'application/json', ...this.answerHeaders(sent), ...headers } } };
      });
  }

  /** Headers every answer of this provider carries, given the request's (finAPI echoes X-Request-Id). */
  protected answerHeaders(_requestHeaders: Record<string, string>): Record<string, string> {
    return {};
  }
}
