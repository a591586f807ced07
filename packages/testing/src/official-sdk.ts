import { expect } from 'vitest';

/** One request an official SDK sent through `SdkRecorder.fetch`, with how the mock answered it. */
export interface SentRequest {
  method: string;
  /** Path and query. */
  path: string;
  status: number;
  /** Prism's validation errors for the request (`sl-violations`, or its own problem+json 422), or null. */
  violations: string | null;
  /** The answer's body, as the SDK read it. */
  body: string;
}

export interface SdkRecorder {
  /** A fetch to hand the SDK: it records every request before the SDK sees the answer. */
  fetch: typeof fetch;
  /** Every request so far, in order. */
  sent: SentRequest[];
  /** Runs one SDK call, which must send exactly one request that the Prism mock accepts. */
  accepted<T>(run: () => PromiseLike<T>): Promise<{ result: T; request: SentRequest }>;
}

/**
 * Records what a vendor's official SDK sends to the Prism mock of our spec, so each SDK call can be
 * held to one request the spec accepts (Prism validates every request against it).
 */
export function recordSdkRequests(): SdkRecorder {
  const sent: SentRequest[] = [];
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const prismProblem = response.headers.get('content-type')?.includes('application/problem+json') ?? false;
    sent.push({
      method: init?.method ?? 'GET',
      path: url.pathname + url.search,
      status: response.status,
      violations: response.headers.get('sl-violations') ?? (prismProblem ? 'Prism problem+json' : null),
      body: await response.clone().text(),
    });
    return response;
  };

  async function accepted<T>(run: () => PromiseLike<T>): Promise<{ result: T; request: SentRequest }> {
    const from = sent.length;
    let result: T;
    try {
      result = await run();
    } catch (error) {
      throw new Error(`the SDK call failed: ${String(error)}; Prism: ${sent[from]?.violations ?? 'no violations'}`);
    }
    const requests = sent.slice(from);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.violations).toBeNull();
    return { result, request };
  }

  return { fetch: recordingFetch, sent, accepted };
}
