import autocannon from 'autocannon';

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Non-2xx answers, connection errors and timeouts: a load figure with errors is not a throughput. */
  errors: number;
}

export type Load = (options: autocannon.Options) => Promise<LoadResult>;

/** autocannon with the bench's defaults (10 connections for `seconds`), reduced to the figures the report shows. */
export function loader(seconds: number): Load {
  return async (options) => {
    const result = await autocannon({ connections: 10, duration: seconds, ...options });
    return {
      requestsPerSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.non2xx + result.errors + result.timeouts,
    };
  };
}
