/** One line of `baas doctor`: a failure (ok false) makes it exit 1; a warning is worth reading but does not. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  warning?: true;
}

/** ✗ with every problem when there is any; else ! with the warnings; else ✓ with `fine`. */
export function verdict(name: string, problems: string[], warnings: string[], fine: string): Check {
  if (problems.length) return { name, ok: false, detail: [...problems, ...warnings].join('; ') };
  if (warnings.length) return { name, ok: true, warning: true, detail: warnings.join('; ') };
  return { name, ok: true, detail: fine };
}
