// `npm run bench:ui` (second part): the run screens in real Chromium through browser mode. The
// runs list over 100,000 runs (open, search keystrokes, scroll), a result of 500 steps and
// 10,000 console lines (open, filter keystrokes), and live latency: from a step's end event at
// 3 workers to its line painted. Each figure beside an anchor measured in the same run: the
// contract call behind it over the same HTTP API, or two animation frames. Reports, never fails.
import { cpus, loadavg } from 'node:os'
import { startBenchApp } from './ui-app'
import type { Page } from 'playwright'
import { newId } from '../src/main/store/table'
import { Figures } from './figures'
import { median } from './stats'

const RUNS = Number(process.env.BENCH_RUNS ?? 100_000)
const STEPS = 500
const CONSOLE_LINES = 10_000
const LOADS = 5
const LIVE_EVENTS = 90

const note = (text: string) => process.stderr.write(`${text}\n`)

/** Follows an in-app link to a path; resolves with the ms until `ready()` holds at a painted frame. */
function openTimed(page: Page, path: string, ready: string): Promise<number> {
  return page.evaluate(
    ({ path, ready }) =>
      new Promise<number>((resolve, reject) => {
        const check = new Function(`return (${ready})()`) as () => boolean
        const start = performance.now()
        const timer = setTimeout(() => reject(new Error(`${path}: not ready in 30 s`)), 30_000)
        const observer = new MutationObserver(() => {
          if (!check()) return
          observer.disconnect()
          requestAnimationFrame(() => (clearTimeout(timer), resolve(performance.now() - start)))
        })
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })
        history.pushState(null, '', path)
        dispatchEvent(new PopStateEvent('popstate'))
      }),
    { path, ready },
  )
}

/** One key into the focused field: from the key to the frame painted once what `read()` shows changed. */
async function keyTimed(page: Page, key: string, read: string): Promise<number> {
  await page.evaluate((read) => {
    const value = new Function(`return (${read})()`) as () => string
    const before = value()
    ;(window as any).__pending = new Promise<number>((resolve) => {
      // A key whose result looks the same (the same count) is left out of the figures.
      const timer = setTimeout(() => (observer.disconnect(), resolve(Number.NaN)), 5_000)
      let start = 0
      window.addEventListener('keydown', (e) => (start = e.timeStamp), { capture: true, once: true })
      const observer = new MutationObserver(() => {
        if (!start || value() === before) return
        observer.disconnect()
        requestAnimationFrame(() => (clearTimeout(timer), resolve(performance.now() - start)))
      })
      observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })
    })
  }, read)
  await page.keyboard.press(key)
  return page.evaluate(() => (window as any).__pending as Promise<number>)
}

const measured = (values: number[]) => values.filter((v) => !Number.isNaN(v))

/** A contract call over the page's HTTP API: the anchor of the screens that make it. */
function apiTimed(page: Page, name: string, input: unknown): Promise<number> {
  return page.evaluate(
    async ({ name, input }) => {
      const token = sessionStorage.getItem('testdesk.session-token') ?? ''
      const start = performance.now()
      await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-TestDesk-Token': token }, body: JSON.stringify(input) }).then((r) => r.json())
      return performance.now() - start
    },
    { name, input },
  )
}

async function main() {
  note(`bench:ui runs on ${cpus().length} cores (load ${loadavg()[0].toFixed(1)}): ${RUNS} runs, a result of ${STEPS} steps and ${CONSOLE_LINES} console lines`)
  const { core, call, host, browser, close } = await startBenchApp('td-bench-ui-runs-')
  const store = core.context.store
  const figures = new Figures()
  const row = figures.addSamples.bind(figures)
  try {
    // ── Data: the big result through the contract, then 100,000 finished runs in one transaction.
    const tests = await call('tests.bulkCreate', { items: [{ name: 'Big result' }, { name: 'Worker A' }, { name: 'Worker B' }, { name: 'Worker C' }] })
    const big = await call('runs.create', { test_case_ids: [tests[0].id] })
    await call('runs.start', { id: big.id })
    const [bigItem] = (await call('runItems.list', { test_run_id: big.id })).items
    const t0 = Date.parse('2026-01-01T00:00:00.000Z')
    const result = await call('results.submit', { test_run_id: big.id, test_run_item_id: bigItem.id, test_case_id: tests[0].id, status: 'failed', total_steps: STEPS, passed_steps: STEPS - 1, failed_steps: 1, error_step_number: STEPS, error_message: 'Expected 42', completes_item: true })
    await call('stepResults.add', { test_run_result_id: result.id, steps: Array.from({ length: STEPS }, (_, i) => ({ step_number: i + 1, action: 'click', description: `Click button ${i + 1}`, status: i + 1 === STEPS ? 'failed' : 'passed', duration_ms: 20 + (i % 50), error_message: i + 1 === STEPS ? 'Expected 42' : null })) })
    for (let start = 0; start < CONSOLE_LINES; start += 5000) {
      await call('logs.addConsole', { test_run_result_id: result.id, logs: Array.from({ length: 5000 }, (_, k) => ({ log_level: (['log', 'info', 'warn', 'error'] as const)[(start + k) % 4], message: `line ${start + k} of the app's chatter ${(start + k) % 97}`, step_index: 1 + ((start + k) % STEPS), timestamp: new Date(t0 + start + k).toISOString() })) })
    }
    const seeded = Date.now()
    const db = core.context.db
    const projectId = store.defaultProjectId
    const userId = (db.prepare('SELECT id FROM users LIMIT 1').get() as { id: string }).id
    const insert = db.prepare(
      `INSERT INTO test_runs (id, run_name, run_number, project_id, created_by, status, started_at, completed_at, duration_ms, total_tests, passed_tests, failed_tests, pass_rate, tags, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'completed', ?, ?, 60000, ?, ?, ?, ?, ?, ?, ?)`,
    )
    db.transaction(() => {
      for (let i = 0; i < RUNS; i++) {
        const at = new Date(Date.UTC(2025, 0, 1) + i * 300_000).toISOString()
        const total = 10 + (i % 40)
        const passed = total - (i % 5)
        insert.run(newId(), `Nightly ${String(i + 10).padStart(6, '0')}`, i + 10, projectId, userId, at, at, total, passed, total - passed, Math.round((passed * 10000) / total) / 100, i % 3 ? '["nightly"]' : '["smoke"]', at, at)
      }
    })()
    note(`seeded ${RUNS} runs in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    await page.goto(host.url)
    await page.getByRole('navigation', { name: 'Sections' }).waitFor()
    await page.evaluate('globalThis.__name = (f) => f')

    // ── Runs list: open, search keystrokes, scroll.
    const firstRow = `() => !!document.querySelector('[role=table][aria-label=Runs] [aria-rowindex="2"] button')`
    const opens: number[] = []
    for (let i = 0; i < LOADS; i++) {
      await openTimedHome(page)
      opens.push(await openTimed(page, '/runs', firstRow))
    }
    const listCalls: number[] = []
    for (let i = 0; i < LOADS; i++) listCalls.push(await apiTimed(page, 'runs.list', { limit: 100, sort_by: 'created_at', sort_order: 'desc' }))
    row(`runs list open (${RUNS.toLocaleString()} runs)`, opens, median(listCalls), '< 300 ms')

    const search = page.getByRole('searchbox', { name: 'Search runs by name' })
    await search.focus()
    const filters: number[] = []
    // Each key narrows the match, so each changes the count on screen.
    const total = `() => document.querySelector('[data-testid=runs-total]')?.textContent ?? ''`
    const unfiltered = await page.getByTestId('runs-total').textContent()
    for (const text of ['0042', '1234']) {
      for (const key of text) filters.push(await keyTimed(page, key, total))
      await search.fill('')
      await page.waitForFunction((all) => document.querySelector('[data-testid=runs-total]')?.textContent === all, unfiltered)
    }
    const searchCalls: number[] = []
    for (const text of ['0', '00', '004', '0042']) searchCalls.push(await apiTimed(page, 'runs.list', { limit: 100, search: text, sort_by: 'created_at', sort_order: 'desc' }))
    row(`runs list search keystroke → list updated (${measured(filters).length} of ${filters.length} keys)`, measured(filters), median(searchCalls), 'p95 < 100 ms')

    await page.getByRole('table', { name: 'Runs' }).locator('[aria-rowindex="2"]').waitFor()
    const scrolls = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const body = document.querySelector('[role=table][aria-label=Runs] .runs-body') as HTMLElement
          const times: number[] = []
          const next = () => {
            if (times.length >= 40) return resolve(times)
            const start = performance.now()
            body.scrollTop += body.clientHeight * 3
            const painted = () => {
              const rows = [...body.querySelectorAll('[role=row]')]
              if (rows.some((r) => r.textContent === 'Loading…')) return requestAnimationFrame(painted)
              requestAnimationFrame(() => (times.push(performance.now() - start), setTimeout(next, 10)))
            }
            requestAnimationFrame(painted)
          }
          next()
        }),
    )
    const frames = await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame((a) => requestAnimationFrame((b) => resolve(b - a)))))
    row(`runs list scroll, 3 screens a time → rows painted (${scrolls.length})`, scrolls, frames * 2, '')

    // ── Result of 500 steps and 10,000 console lines: open, filter.
    const resultPath = `/runs/${big.id}/results/${bigItem.id}`
    const stepRows = `() => document.querySelectorAll('ol.step-list > li').length === ${STEPS} && !!document.querySelector('.console-box, .logs')`
    const resultOpens: number[] = []
    for (let i = 0; i < LOADS; i++) {
      await openTimedHome(page)
      resultOpens.push(await openTimed(page, resultPath, stepRows))
    }
    const resultCalls: number[] = []
    for (let i = 0; i < LOADS; i++) resultCalls.push(await apiTimed(page, 'logs.console', { test_run_result_id: result.id, limit: 10_000 }))
    row(`result open (${STEPS} steps, ${CONSOLE_LINES.toLocaleString()} console lines)`, resultOpens, median(resultCalls), '< 300 ms')

    await page.getByRole('checkbox', { name: 'Every step' }).check()
    const logFilter = page.getByRole('searchbox', { name: 'Filter console and network' })
    await logFilter.focus()
    const logFilters: number[] = []
    const consoleCount = `() => [...document.querySelectorAll('h4')].find((e) => e.textContent.startsWith('Console'))?.textContent ?? ''`
    for (const text of ['9876', '4321']) {
      for (const key of text) logFilters.push(await keyTimed(page, key, consoleCount))
      await logFilter.fill('')
    }
    row(`console filter keystroke → list updated (${measured(logFilters).length} of ${logFilters.length} keys)`, measured(logFilters), frames * 2, 'p95 < 100 ms')

    // ── Live: a running run of 3 workers; each step end event to its line painted.
    const live = await call('runs.create', { test_case_ids: tests.slice(1).map((t: { id: string }) => t.id) })
    await call('runs.start', { id: live.id })
    const items = (await call('runItems.list', { test_run_id: live.id })).items as { id: string; test_case_name: string }[]
    await openTimed(page, `/runs/${live.id}`, `() => !!document.querySelector('[role=progressbar]')`)
    const running = items.map((item) => ({ item_id: item.id, test_case_name: item.test_case_name, attempt: 0, iteration: null, step_number: 1, step_description: 'starting' }))
    core.events.emit('runs.onProgress', { run_id: live.id, run_name: live.run_name, status: 'running', total_tests: 3, finished_tests: 0, passed_tests: 0, failed_tests: 0, skipped_tests: 0, no_run_tests: 0, pass_rate: 0, running, elapsed_ms: 1000, message: null })
    await page.getByTestId('worker-step').nth(2).waitFor()
    const latencies: number[] = []
    for (let k = 0; k < LIVE_EVENTS; k++) {
      const item = items[k % 3]
      const mark = `mark-${k}`
      const seen = page.evaluate(
        (mark) =>
          new Promise<number>((resolve) => {
            const observer = new MutationObserver(() => {
              if (![...document.querySelectorAll('[data-testid=worker-step]')].some((e) => e.textContent?.includes(mark))) return
              observer.disconnect()
              requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()))
            })
            observer.observe(document.body, { childList: true, subtree: true, characterData: true })
          }),
        mark,
      )
      await page.evaluate(() => 0)
      const sent = performance.timeOrigin + performance.now()
      core.events.emit('runs.onStep', { run_id: live.id, item_id: item.id, step_number: k + 1, total_steps: LIVE_EVENTS, action: 'click', description: mark, status: 'passed', duration_ms: 12, error_message: null, healed_selector: null })
      latencies.push((await seen) - sent)
    }
    const ping: number[] = []
    for (let i = 0; i < LOADS; i++) ping.push(await apiTimed(page, 'system.info', {}).catch(() => 0))
    row(`live: step end event → line painted, 3 workers (${LIVE_EVENTS})`, latencies, median(ping), 'p95 < 100 ms')
    await call('runs.cancel', { id: live.id })
    await context.close()

    figures.print('list open and search — the same runs.list call over HTTP; result open — reading its console lines over HTTP; scroll and console filter — two frames; live — one contract call over HTTP.')
  } finally {
    await close()
  }
}

/** Back to the Tests section, so the next open starts from elsewhere. */
async function openTimedHome(page: Page) {
  await openTimed(page, '/settings', `() => !!document.querySelector('h1') && document.querySelector('h1').textContent === 'Settings'`)
}

await main()
