// Bounded waiting: the engine never waits on the browser longer than it decided to.

/** `work`'s value, or `fallback` when it fails or has not settled within `ms`. */
export async function withinMs<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const result = await Promise.race([work.catch(() => fallback), new Promise<T>((r) => (timer = setTimeout(() => r(fallback), ms)))])
  clearTimeout(timer)
  return result
}
