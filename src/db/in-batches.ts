/**
 * Repeats a bounded delete (or update) until a call touches fewer rows than the batch size,
 * so housekeeping never holds a write lock for long. Returns the total.
 */
export async function inBatches(batch: number, step: (batch: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (let done = batch; done === batch; total += done) done = await step(batch);
  return total;
}
