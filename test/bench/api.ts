/** The few baas API calls the bench makes to set up its cases, with a key; a non-2xx answer throws. */
export interface Api {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  post(path: string, body: unknown): Promise<any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get(path: string): Promise<any>;
}

export function benchApi(baseUrl: string, key: string): Api {
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const call = async (path: string, init: RequestInit) => {
    const response = await fetch(`${baseUrl}${path}`, init);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    post: (path, body) => call(path, { method: 'POST', headers, body: JSON.stringify(body) }),
    get: (path) => call(path, { headers }),
  };
}

/** The order every case creates: two lines and shipping, no customer (so no messages are sent). */
export const ORDER = { items: [{ sku: 'TSHIRT-M', name: 'Camiseta', quantity: 2, unit_amount: 4990 }], shipping_amount: 1500 };
