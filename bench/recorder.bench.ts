// npm run bench:recorder: records the scripted sessions (demo site and corpus pages, drag and drop,
// frames, popups, shadow DOM…), replays each recorded test with the engine, and prints: the
// recorded → replayed pass rate, action → step latency (p50/p95) next to its anchor (a bare
// page → Node binding call measured in the same run), the share of primary selectors by
// strategy, and after mutating each page (ids renamed, classes changed, elements reordered) the
// share of replays still passing, and how many of those through alternatives.
import type { Browser } from 'playwright'
import { launchBrowser, resolveExecutable } from '../src/main/runner/launch'
import { demoSiteHandle } from '../src/main/runner/demo-site-link'
import { engineSteps, runTest } from '../src/main/runner/engine'
import { planTest } from '../src/main/runner/test-plan'
import { openRecordingHarness, SCENARIOS, type RecordingHarness } from '../src/main/testing/recorder-scenarios'
import { quantile } from './stats'

/** Ids renamed, classes changed, the page's sections reordered; page scripts keep working. */
const MUTATE = String.raw`
addEventListener('DOMContentLoaded', () => {
  const ids = new Map()
  for (const el of document.querySelectorAll('[id]')) { ids.set(el.id, el.id + '-v2'); el.id = el.id + '-v2' }
  for (const el of document.querySelectorAll('label[for]')) el.htmlFor = ids.get(el.htmlFor) || el.htmlFor
  for (const attr of ['aria-labelledby', 'aria-describedby', 'aria-controls']) {
    for (const el of document.querySelectorAll('[' + attr + ']')) el.setAttribute(attr, el.getAttribute(attr).split(/\s+/).map((i) => ids.get(i) || i).join(' '))
  }
  for (const el of document.querySelectorAll('[class]')) el.className = [...el.classList].map((c) => c + '-v2').join(' ')
  const main = document.querySelector('main')
  if (main && main.children.length > 2) main.append(main.children[1])
  const translate = (s) => typeof s === 'string' ? s.replace(/([#.])(-?[_a-zA-Z][\w-]*)/g, (m, kind, name) => ':is(' + m + ',' + kind + name + '-v2)') : s
  const byId = Document.prototype.getElementById
  // Scripts build ids from ids (input.id + '-error'): look the original name up too.
  Document.prototype.getElementById = function (id) {
    const original = String(id).replace(/-v2/g, '')
    return byId.call(this, ids.get(id) || id) || byId.call(this, id) || byId.call(this, ids.get(original) || original)
  }
  for (const proto of [Document.prototype, Element.prototype, DocumentFragment.prototype]) {
    for (const name of ['querySelector', 'querySelectorAll', 'closest', 'matches']) {
      const original = proto[name]
      if (original) proto[name] = function (selector) { return original.call(this, translate(selector)) }
    }
  }
})`

interface Replay {
  passed: boolean
  healed: number
  error: string | null
}

async function replay(harness: RecordingHarness, browser: Browser, testId: string, mutate: boolean): Promise<Replay> {
  const store = harness.core.context.store
  const demoSite = demoSiteHandle()
  const plan = await planTest(store, { options: {} }, testId, demoSite)
  const context = await browser.newContext()
  if (mutate) await context.addInitScript(MUTATE)
  try {
    const outcome = await runTest({
      context,
      steps: engineSteps(store.tests.steps(testId)),
      baseUrl: plan.baseUrl,
      variables: plan.iterations[0].variables,
      secrets: plan.iterations[0].secrets,
      screenshots: 'off',
      stepTimeoutMs: 5000,
    })
    return { passed: outcome.status === 'passed', healed: outcome.steps.filter((s) => s.healing.length).length, error: outcome.errorMessage }
  } finally {
    await context.close()
    await demoSite.close()
  }
}

/** The anchor: a page → Node binding call that does nothing, as the recorder's reports travel. */
async function bindingLatency(browser: Browser): Promise<number[]> {
  const context = await browser.newContext()
  const samples: number[] = []
  await context.exposeBinding('__benchPing', (_source, at: number) => void samples.push(Date.now() - at))
  const page = await context.newPage()
  await page.setContent('<button>ping</button>')
  await page.evaluate(() => document.querySelector('button')!.addEventListener('click', () => (window as any).__benchPing(Date.now())))
  for (let i = 0; i < 60; i++) await page.click('button')
  await page.waitForTimeout(100)
  await context.close()
  return samples
}

function pct(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(0)}%` : 'n/a'
}

async function main(): Promise<void> {
  const settings = { browser: 'chromium' as const, headless: true }
  const browser = await launchBrowser(settings, await resolveExecutable(settings))
  const harness = await openRecordingHarness()
  const latencies: number[] = []
  const byAction = new Map<string, number[]>()
  const strategies = new Map<string, number>()
  const rows: { name: string; steps: number; replay: Replay; mutated: Replay }[] = []
  const features = new Set<string>()
  try {
    const only = process.argv.indexOf('--only')
    const chosen = only > 0 ? SCENARIOS.filter((s) => s.name.includes(process.argv[only + 1])) : SCENARIOS
    for (const scenario of chosen) {
      scenario.features.forEach((f) => features.add(f))
      let recording
      try {
        recording = await harness.record(scenario)
      } catch (error) {
        rows.push({ name: scenario.name, steps: 0, replay: { passed: false, healed: 0, error: `recording failed: ${(error as Error).message}` }, mutated: { passed: false, healed: 0, error: 'not recorded' } })
        continue
      }
      for (const event of recording.events) {
        latencies.push(event.latency_ms)
        const key = `${event.step.action} (${event.change})`
        byAction.set(key, [...(byAction.get(key) ?? []), event.latency_ms])
      }
      for (const step of recording.steps) {
        if (!step.target || step.action === 'switch_frame') continue
        const strategy = strategyOf(step.target.selector)
        strategies.set(strategy, (strategies.get(strategy) ?? 0) + 1)
      }
      const testId = recording.session.test_case_id
      rows.push({ name: scenario.name, steps: recording.steps.length, replay: await replay(harness, browser, testId, false), mutated: await replay(harness, browser, testId, true) })
    }
    const anchor = await bindingLatency(browser)

    console.log(`\nRecorder benchmark: ${rows.length} scripted sessions (${[...features].sort().join(', ')})\n`)
    for (const row of rows) {
      const mutated = row.mutated.passed ? `pass${row.mutated.healed ? ` (healed ${row.mutated.healed})` : ''}` : 'FAIL'
      console.log(`${row.replay.passed ? '✓' : '✗'} ${row.name.padEnd(42)} ${String(row.steps).padStart(3)} steps  mutated: ${mutated}`)
      if (!row.replay.passed) console.log(`    replay: ${row.replay.error}`)
      if (!row.mutated.passed) console.log(`    mutated: ${row.mutated.error}`)
    }
    const passed = rows.filter((r) => r.replay.passed).length
    const mutatedPassed = rows.filter((r) => r.mutated.passed)
    const healed = mutatedPassed.filter((r) => r.mutated.healed > 0).length
    console.log(`\nrecorded → replayed pass rate: ${passed}/${rows.length} (${pct(passed, rows.length)})`)
    const p50 = quantile(latencies, 0.5)
    const p95 = quantile(latencies, 0.95)
    const a50 = quantile(anchor, 0.5)
    const a95 = quantile(anchor, 0.95)
    console.log(`action → step saved and published: p50 ${p50} ms, p95 ${p95} ms over ${latencies.length} step events (goal p95 < 100 ms)`)
    console.log(`  by step: ${[...byAction.entries()].sort((a, b) => b[1].length - a[1].length).map(([k, v]) => `${k} p50 ${quantile(v, 0.5)}/p95 ${quantile(v, 0.95)} ms (${v.length})`).join('; ')}`)
    console.log(`anchor, a bare binding call: p50 ${a50} ms, p95 ${a95} ms; ratio p95 ${(p95 / Math.max(1, a95)).toFixed(1)}×`)
    const total = [...strategies.values()].reduce((a, b) => a + b, 0)
    console.log(`primary selectors by strategy (${total} targets): ${[...strategies.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${pct(v, total)}`).join(', ')}`)
    console.log(`after mutating pages (ids renamed, classes changed, sections reordered): ${mutatedPassed.length}/${rows.length} replays pass (${pct(mutatedPassed.length, rows.length)}), ${healed} of them through alternatives`)
  } finally {
    await harness.close()
    await browser.close()
  }
}

function strategyOf(selector: string): string {
  const last = selector.split(' >> ').at(-1)!
  const scoped = selector.includes(' >> ') ? ' (scoped)' : ''
  if (/^\[data-(testid|test-id|test|qa|cy)=/.test(last)) return `testid${scoped}`
  const engine = /^([a-z-]+)=/.exec(last)?.[1]
  if (engine) return `${engine}${scoped}`
  return last.startsWith('#') ? `id${scoped}` : `css${scoped}`
}

await main()
