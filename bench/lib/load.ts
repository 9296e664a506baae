// Runs autocannon against one URL for a bounded time and reduces the result to the
// numbers the report shows.
import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** Concurrent connections (default 50). */
  connections?: number;
  /** Seconds (default 10). */
  duration?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  total: number;
  errors: number;
  non2xx: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const duration = options.duration ?? 10;
  const result = await autocannon({
    url: options.url,
    connections: options.connections ?? 50,
    duration,
    method: options.method ?? 'GET',
    headers: options.headers,
    body: options.body,
    // A stuck request may not hold the run open past its time.
    timeout: 10,
  });
  return {
    requestsPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
