// The command palette's search: every word typed must appear (any case); a match at the start
// of the title or of a word ranks first. Fast enough to run on each keystroke over thousands
// of test names.

export interface Searchable {
  title: string
  /** Lower-cased title and keywords, computed once. */
  haystack: string
}

export function searchable(title: string, keywords = ''): Searchable {
  return { title, haystack: `${title} ${keywords}`.toLowerCase() }
}

function score(item: Searchable, words: readonly string[]): number {
  let total = 0
  for (const word of words) {
    const at = item.haystack.indexOf(word)
    if (at < 0) return -1
    total += at === 0 ? 3 : item.haystack[at - 1] === ' ' || item.haystack[at - 1] === '/' ? 2 : 1
  }
  return total
}

/** The best `limit` matches, best first (ties keep their order). */
export function search<T extends Searchable>(items: readonly T[], query: string, limit = 50): T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  if (!words.length) return items.slice(0, limit)
  const scored: { item: T; score: number; index: number }[] = []
  for (let i = 0; i < items.length; i++) {
    const s = score(items[i], words)
    if (s >= 0) scored.push({ item: items[i], score: s, index: i })
  }
  scored.sort((a, b) => b.score - a.score || a.index - b.index)
  return scored.slice(0, limit).map((s) => s.item)
}
