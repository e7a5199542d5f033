/** `path\`/v1/orders/${id}/cancel\``: each interpolated id URL-encoded, so an odd id cannot reach another route. */
export function path(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((joined, part, index) => joined + encodeURIComponent(ids[index - 1]!) + part);
}
