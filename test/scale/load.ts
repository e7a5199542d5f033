/** Runs `work` over `items`, `concurrency` at a time, as that many clients would. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

const ATTEMPTS = 20;

/**
 * A request through the load balancer, retried on a 5xx or a cut connection as a client (or
 * Mercado Pago) retries while an instance dies under it. The last answer is returned.
 */
export async function sendRetrying(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, init);
      if (response.status < 500 || attempt === ATTEMPTS) return response;
      await response.arrayBuffer();
    } catch (error) {
      if (attempt === ATTEMPTS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
