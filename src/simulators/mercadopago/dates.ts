/**
 * MP writes timestamps with its own offset (`2015-03-25T10:04:58.396-04:00`), not `Z`:
 * emitting the same form makes the adapter prove it parses offsets.
 */
const OFFSET_MINUTES = -4 * 60;

export function mpDate(date: Date): string {
  const shifted = new Date(date.getTime() + OFFSET_MINUTES * 60_000);
  return shifted.toISOString().replace('Z', '-04:00');
}

export function mpNow(): string {
  return mpDate(new Date());
}
