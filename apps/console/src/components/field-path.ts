/** `business.name` → ['business', 'name']; `evidence[0].sha256` → ['evidence', 0, 'sha256']. */
export const fieldPath = (path: string) =>
  path
    .split(/\.|\[(\d+)\]/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
