// The table the UI benchmarks print: one row per figure with p50, p95, its anchor and the ratio.
import { median, quantile } from './stats'

export const ms = (value: number) => `${value.toFixed(1)} ms`

export class Figures {
  readonly rows: string[][] = []

  add(what: string, p50: number, p95: number | null, anchor: number, goal: string): void {
    this.rows.push([what, ms(p50), p95 === null ? '' : ms(p95), ms(anchor), `${(p50 / Math.max(anchor, 0.01)).toFixed(1)}x`, goal])
  }

  /** A row from samples: their median and 95th percentile. */
  addSamples(what: string, samples: number[], anchor: number, goal: string): void {
    this.add(what, median(samples), quantile(samples, 0.95), anchor, goal)
  }

  print(anchors: string): void {
    const header = ['figure', 'p50', 'p95', 'anchor', 'ratio', 'goal']
    const widths = header.map((h, i) => Math.max(h.length, ...this.rows.map((r) => r[i].length)))
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
    console.log(line(header))
    for (const r of this.rows) console.log(line(r))
    console.log(`\nAnchors: ${anchors}`)
  }
}
