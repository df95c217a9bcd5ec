/** How long a drill or test waits for a `/metrics` page before it does without. */
const SCRAPE_TIMEOUT_MS = 5000;

/** The text a Prometheus `/metrics` page serves, or null where nothing answers there. */
export async function scrapePrometheus(url: string | undefined): Promise<string | null> {
  if (!url) return null;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS) });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}

/**
 * A metric's samples summed by the value of one of their labels (samples without that label are left
 * out), from Prometheus' text format: `name{label="value",…} number` per line.
 */
export function samplesByLabel(text: string, metric: string, label: string): Map<string, number> {
  const sums = new Map<string, number>();
  const labelled = new RegExp(`(?:^|,)${label}="([^"]*)"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const close = line.lastIndexOf('}');
    const value = labelled.exec(line.slice(metric.length + 1, close));
    if (value) sums.set(value[1], (sums.get(value[1]) ?? 0) + Number(line.slice(close + 1)));
  }
  return sums;
}

/** The sum of every sample of a metric, labelled or not. */
export function sampleTotal(text: string, metric: string): number {
  let total = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${metric}{`)) total += Number(line.slice(line.lastIndexOf('}') + 1));
    else if (line.startsWith(`${metric} `)) total += Number(line.slice(metric.length + 1));
  }
  return total;
}
