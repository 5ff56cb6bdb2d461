// Duration and pass rate over time, one point an execution or a run (uPlot: small, fast, kept up).
// A view showing it also lists the same numbers in a table, for those who cannot see the chart.
import { useEffect, useRef } from 'react'
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'
import type { HistorySeries } from './history-series'

export function TrendChart({ series, label }: { series: HistorySeries; label: string }) {
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const target = box.current
    if (!target) return
    const styles = getComputedStyle(document.documentElement)
    const color = (name: string) => styles.getPropertyValue(name).trim() || '#555'
    const axis = { stroke: color('--muted'), grid: { stroke: color('--border') } }
    const plot = new uPlot(
      {
        width: Math.min(720, target.clientWidth || 720),
        height: 220,
        scales: { x: { time: true }, pct: { range: [0, 100] } },
        axes: [axis, { ...axis, label: 'Duration (s)' }, { ...axis, scale: 'pct', side: 1, label: 'Pass rate (%)', grid: { show: false } }],
        series: [
          {},
          { label: 'Duration (s)', stroke: color('--accent'), width: 2, points: { show: true } },
          { label: 'Pass rate (%)', scale: 'pct', stroke: color('--ok'), width: 2, points: { show: true } },
        ],
      },
      [series.at, series.duration_s, series.pass_rate],
      target,
    )
    return () => plot.destroy()
  }, [series])
  return <figure className="chart" role="img" aria-label={label} ref={box} />
}
