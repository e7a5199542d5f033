/**
 * Values kept for `ttlMs`, loaded on a miss. Bounded crudely: past `maxEntries` it starts
 * over, so keys a stranger makes up (store ids probed on /hooks) cannot grow it for ever.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { until: number; value: V }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const at = this.now();
    const cached = this.entries.get(key);
    if (cached && cached.until > at) return cached.value;
    const value = await load();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { until: at + this.ttlMs, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
