// `npm run bench:ui`: the workbench in real Chromium through browser mode, on 5,000 tests in 200
// suites and one test of 500 steps. Each figure is timed in the page (from the tester's input to
// the next frame painted after the screen changed) and printed beside an anchor measured in the
// same run: the smallest work of the same kind done with plain DOM calls in the same page. It
// reports figures and goals, never fails.
import { cpus, loadavg } from 'node:os'
import { startBenchApp } from './ui-app'
import type { Page } from 'playwright'
import { HTTP_TOKEN_HEADER } from '../src/shared/api/transport'
import { Figures } from './figures'
import { median, quantile } from './stats'

const TESTS = Number(process.env.BENCH_TESTS ?? 5000)
const SUITES = 200
const BIG_STEPS = 500
const LOADS = 5

const note = (text: string) => process.stderr.write(`${text}\n`)

// ── Data ────────────────────────────────────────────────────────────────────────────────────

const ACTIONS = [
  { action: 'navigate', value: '/shop' },
  { action: 'click', target: { selector: 'role=button[name="Add to cart"]', alternatives: ['#add'] } },
  { action: 'fill', target: { selector: 'label=Email', alternatives: [] }, value: 'user@example.test' },
  { action: 'checkpoint', target: { selector: '#total', alternatives: [] }, options: { checkpoint: { type: 'element', assertions: [{ property: 'text', operator: 'contains', expected: '42' }] } } },
]

async function seed(call: (name: string, input: unknown) => Promise<any>) {
  // 20 top-level suites of 9 children each: 200 suites.
  const top = await call('suites.bulkCreate', { items: Array.from({ length: 20 }, (_, i) => ({ name: `Area ${i + 1}` })) })
  const children = await call('suites.bulkCreate', {
    items: top.flatMap((suite: { id: string }, i: number) => Array.from({ length: 9 }, (_, j) => ({ name: `Feature ${i + 1}.${j + 1}`, parent_id: suite.id }))),
  })
  const suites = [...top, ...children].slice(0, SUITES)
  for (let start = 0; start < TESTS; start += 1000) {
    const items = Array.from({ length: Math.min(1000, TESTS - start) }, (_, k) => {
      const n = start + k
      return {
        name: `Test ${String(n).padStart(4, '0')} ${['checkout', 'login', 'search', 'profile', 'cart'][n % 5]}`,
        tags: [`t${n % 7}`],
        status: n % 11 === 0 ? 'draft' : 'active',
        suite_ids: [suites[n % suites.length].id],
        steps: ACTIONS.slice(0, 1 + (n % ACTIONS.length)),
      }
    })
    await call('tests.bulkCreate', { items })
  }
  const big = await call('tests.create', {
    name: 'Big test of 500 steps',
    suite_ids: [suites[0].id],
    steps: Array.from({ length: BIG_STEPS }, (_, i) => ({ ...ACTIONS[i % ACTIONS.length], description: `step ${i + 1}` })),
  })
  return { big, suites }
}

// ── In-page timing ──────────────────────────────────────────────────────────────────────────

/**
 * Installs a probe: `__probe.arm(selector)` starts a clock; the first DOM change inside the
 * element matching the selector, then the next animation frame, stops it. Returns a promise of
 * the milliseconds from arm (or the given start) to that frame.
 */
async function installProbe(page: Page) {
  // tsx keeps function names with a __name helper the page does not have: give it one.
  await page.evaluate('globalThis.__name = (f) => f')
  await page.evaluate(() => {
    ;(window as any).__probe = {
      arm(selector: string, start = performance.now(), until?: () => boolean) {
        return new Promise<number>((resolve) => {
          const target = document.querySelector(selector) ?? document.body
          const done = () =>
            requestAnimationFrame(() => {
              observer.disconnect()
              resolve(performance.now() - start)
            })
          const observer = new MutationObserver(() => {
            if (!until || until()) done()
          })
          observer.observe(target, { childList: true, subtree: true, attributes: true, characterData: true })
        })
      },
    }
  })
}

/**
 * Types one key into the focused field: the time from the key to the frame painted after the
 * app handled it (the frame after that too, when the screen was still changing then). The
 * listeners are in place before the key is sent (evaluate and input travel apart).
 */
async function keystroke(page: Page, key: string, selector: string): Promise<number> {
  await page.evaluate((sel) => {
    ;(window as any).__pending = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the key was not handled within 10 s`)), 10_000)
      let start = 0
      window.addEventListener('keydown', (event) => (start = event.timeStamp), { capture: true, once: true })
      // Bubbling to the window: React has handled the input by then.
      window.addEventListener(
        'input',
        () => {
          let changedLate = false
          let firstFrame = 0
          const observer = new MutationObserver(() => {
            if (firstFrame) changedLate = true
          })
          observer.observe(document.querySelector(sel) ?? document.body, { childList: true, subtree: true, attributes: true, characterData: true })
          requestAnimationFrame(() => {
            firstFrame = performance.now()
            requestAnimationFrame(() => {
              observer.disconnect()
              clearTimeout(timer)
              resolve((changedLate ? performance.now() : firstFrame) - start)
            })
          })
        },
        { once: true },
      )
    })
  }, selector)
  await page.keyboard.press(key)
  return page.evaluate(() => (window as any).__pending as Promise<number>)
}

/** A key that changes `selector` (a move in the table): from the key to the frame painted after the change. */
async function keyToChange(page: Page, key: string, selector: string): Promise<number> {
  await page.evaluate((sel) => {
    ;(window as any).__pending = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no change in ${sel} within 10 s of the key`)), 10_000)
      window.addEventListener(
        'keydown',
        (event) => void (window as any).__probe.arm(sel, event.timeStamp).then((value: number) => (clearTimeout(timer), resolve(value))),
        { capture: true, once: true },
      )
    })
  }, selector)
  await page.keyboard.press(key)
  return page.evaluate(() => (window as any).__pending as Promise<number>)
}

/** The same filtering and rendering of visible rows with plain DOM calls: the anchor. */
async function plainFilterAnchor(page: Page, names: string[], samples: number): Promise<number[]> {
  return page.evaluate(
    ({ names, samples }) => {
      const box = document.createElement('div')
      box.style.cssText = 'position:fixed;left:0;top:0;width:300px;height:600px;overflow:hidden;opacity:0.01'
      document.body.append(box)
      const lower = names.map((n) => n.toLowerCase())
      const queries = ['1', '12', '123', '12', '1', '', 'c', 'ch', 'che', 'ch', 'c', '']
      const times: number[] = []
      return new Promise<number[]>((resolve) => {
        let i = 0
        const next = () => {
          if (i >= samples) {
            box.remove()
            resolve(times)
            return
          }
          const query = queries[i++ % queries.length]
          const start = performance.now()
          const matches: string[] = []
          for (let k = 0; k < lower.length && matches.length < 40; k++) if (lower[k].includes(query)) matches.push(names[k])
          box.innerHTML = matches.map((m) => `<div style="height:28px">${m}</div>`).join('')
          requestAnimationFrame(() => {
            times.push(performance.now() - start)
            setTimeout(next, 20)
          })
        }
        next()
      })
    },
    { names, samples },
  )
}

async function frameTime(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const stamps: number[] = []
        const tick = (t: number) => {
          stamps.push(t)
          if (stamps.length < 31) requestAnimationFrame(tick)
          else resolve((stamps[30] - stamps[0]) / 30)
        }
        requestAnimationFrame(tick)
      }),
  )
}

/** Follows an in-app link (as the tree or the palette does) to a route. */
function goTo(page: Page, path: string) {
  return page.evaluate((target) => {
    history.pushState(null, '', target)
    dispatchEvent(new PopStateEvent('popstate'))
  }, path)
}

// ── The run ─────────────────────────────────────────────────────────────────────────────────

async function main() {
  note(`bench:ui on ${cpus().length} cores (load ${loadavg()[0].toFixed(1)}): ${TESTS} tests in ${SUITES} suites, one test of ${BIG_STEPS} steps`)
  const { call, host, browser, close } = await startBenchApp('td-bench-ui-')
  try {
    const seeded = Date.now()
    const { big } = await seed(call)
    note(`seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)
    const figures = new Figures()
    const row = figures.add.bind(figures)

    // Tree first paint: from the start of navigation to the first frame painted with tree rows.
    const paints: number[] = []
    const received: number[] = []
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
      await context.addInitScript('globalThis.__name = (f) => f')
      await context.addInitScript(() => {
        const observer = new MutationObserver(() => {
          if (document.querySelector('[role=treeitem]')) {
            observer.disconnect()
            requestAnimationFrame(() => ((window as any).__treePaint = performance.now()))
          }
        })
        observer.observe(document, { childList: true, subtree: true })
      })
      const page = await context.newPage()
      await page.goto(host.url)
      await page.waitForFunction(() => (window as any).__treePaint !== undefined, null, { timeout: 60_000 })
      paints.push(await page.evaluate(() => (window as any).__treePaint as number))
      // BENCH_DEBUG=1 prints where the first paint spends its time (downloads, API calls, paint).
      if (process.env.BENCH_DEBUG) {
        note(
          await page.evaluate(() =>
            [
              ...(performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => `${r.name.replace(/^.*\//, '')} ${r.startTime.toFixed(0)}-${r.responseEnd.toFixed(0)}`),
              `dcl ${(performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd.toFixed(0)}`,
              `paint ${(window as any).__treePaint.toFixed(0)}`,
            ].join(' | '),
          ),
        )
      }
      received.push(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd))
      await context.close()
    }
    row('tree first paint (navigation → rows painted)', median(paints), quantile(paints, 0.95), median(received), '< 300 ms')

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    page.setDefaultTimeout(60_000)
    await page.goto(host.url)
    await page.getByRole('tree', { name: 'Suites and tests' }).getByRole('treeitem').first().waitFor()
    await installProbe(page)
    const names = (await call('tests.outline', {})).tests.map((t: { name: string }) => t.name)

    // Filter: each keystroke to the tree painted with the new matches.
    const filter = page.getByRole('searchbox', { name: 'Filter tests' })
    await filter.focus()
    const filterTimes: number[] = []
    for (const text of ['123', 'check', 'tag:t3', 'login 1']) {
      for (const key of text.split('')) filterTimes.push(await keystroke(page, key === ' ' ? 'Space' : key, '[role=tree]'))
      for (let i = 0; i < text.length; i++) filterTimes.push(await keystroke(page, 'Backspace', '[role=tree]'))
    }
    const filterAnchor = await plainFilterAnchor(page, names, filterTimes.length)
    row(`filter keystroke → tree updated (${filterTimes.length} keys)`, median(filterTimes), quantile(filterTimes, 0.95), median(filterAnchor), 'p95 < 50 ms')

    // Open the 500-step test: from following its link to its steps painted.
    const opens: number[] = []
    const fetches: number[] = []
    for (let i = 0; i < LOADS; i++) {
      await goTo(page, '/tests')
      await page.getByRole('heading', { name: 'Default' }).waitFor()
      opens.push(
        await page.evaluate((id) => {
          const start = performance.now()
          const painted = (window as any).__probe.arm('#main', start, () => !!document.querySelector('[role=grid] [role=row][aria-rowindex="2"]'))
          history.pushState(null, '', `/tests/${id}`)
          dispatchEvent(new PopStateEvent('popstate'))
          return painted
        }, big.id),
      )
      fetches.push(
        await page.evaluate(
          async ({ id, header, token }) => {
            const start = performance.now()
            await fetch('/api/tests.get', { method: 'POST', headers: { 'Content-Type': 'application/json', [header]: token }, body: JSON.stringify({ id }) }).then((r) => r.json())
            return performance.now() - start
          },
          { id: big.id, header: HTTP_TOKEN_HEADER, token: host.token },
        ),
      )
    }
    row(`open a test of ${BIG_STEPS} steps`, median(opens), quantile(opens, 0.95), median(fetches), '< 200 ms')

    // Scroll the steps: each scroll of a screenful to its frame painted.
    const scrolls = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const body = document.querySelector('[role=grid] [role=rowgroup]') as HTMLElement
          const times: number[] = []
          const step = () => {
            if (body.scrollTop + body.clientHeight >= body.scrollHeight - 2 || times.length >= 80) {
              resolve(times)
              return
            }
            const start = performance.now()
            body.scrollTop += body.clientHeight
            requestAnimationFrame(() => requestAnimationFrame(() => {
              times.push(performance.now() - start)
              step()
            }))
          }
          step()
        }),
    )
    const frame = await frameTime(page)
    row(`scroll the steps, a screenful at a time (${scrolls.length} scrolls)`, median(scrolls), quantile(scrolls, 0.95), frame * 2, 'two frames')

    // Reorder one step with Alt+↓: the key to the table painted in the new order.
    const grid = page.getByRole('grid', { name: 'Steps' })
    await page.evaluate(() => ((document.querySelector('[role=grid] [role=rowgroup]') as HTMLElement).scrollTop = 0))
    await grid.getByRole('row', { name: /^Step 1:/ }).click()
    const reorders: number[] = []
    for (let i = 0; i < 10; i++) reorders.push(await keyToChange(page, 'Alt+ArrowDown', '[role=grid]'))
    const saveStart = Date.now()
    await page.getByTestId('save-state').getByText('Saved', { exact: true }).waitFor()
    const saved = Date.now() - saveStart
    row('reorder one step (Alt+↓) → table updated', median(reorders), quantile(reorders, 0.95), frame, '')
    note(`saving the 500 steps after the last move took ${saved} ms after the keystroke settled`)

    // Command palette: each keystroke of a test name search to the list painted.
    await page.keyboard.press('Control+k')
    const input = page.getByRole('combobox', { name: 'Search commands and tests' })
    await input.waitFor()
    const searches: number[] = []
    for (const text of ['test 12', 'checkout 4', 'login']) {
      for (const key of text.split('')) searches.push(await keystroke(page, key === ' ' ? 'Space' : key, '[cmdk-list]'))
      await input.fill('')
    }
    row(`command palette search over ${TESTS} tests (${searches.length} keys)`, median(searches), quantile(searches, 0.95), median(filterAnchor), '')
    await context.close()

    figures.print(
      'first paint — the HTML response received (same load); filter and palette — filtering the same names and painting 40 plain rows with innerHTML; open — fetching the test over the same HTTP API; scroll — two animation frames; reorder — one frame.',
    )
  } finally {
    await close()
  }
}

await main()
