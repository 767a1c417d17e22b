// Searches never asked before: each URL is new, so the app searches, counts facets and renders
// (the page cache only helps the next reader of the same URL). One request at a time: latency
// of a miss, not throughput.

/** `count` distinct search URLs built from the words of the sheets' titles. */
function searchUrls(titles: string[], regions: string[], count: number): string[] {
  const words = [...new Set(titles.flatMap((t) => t.toLowerCase().split(/[^\p{L}]+/u)))].filter(
    (w) => w.length >= 4,
  );
  const urls = new Set<string>();
  for (let i = 0; urls.size < count; i++) {
    const word = words[i % words.length];
    // Whole words, prefixes, two words; with or without a région; first pages.
    const q =
      i % 3 === 0
        ? word.slice(0, 4)
        : i % 3 === 1
          ? word
          : `${word} ${words[(i * 7) % words.length]}`;
    const region = i % 2 ? `&region=${regions[i % regions.length]}` : '';
    urls.add(`/recueil?q=${encodeURIComponent(q)}${region}&page=${1 + (i % 3)}`);
  }
  return [...urls];
}

export async function uncachedSearches(
  baseUrl: string,
  titles: string[],
  regions: string[],
  count: number,
): Promise<{ count: number; p50_ms: number; p99_ms: number; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  for (const url of searchUrls(titles, regions, count)) {
    const started = performance.now();
    const res = await fetch(`${baseUrl}${url}`);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== 200) errors++;
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]);
  return { count: times.length, p50_ms: at(0.5), p99_ms: at(0.99), errors };
}
