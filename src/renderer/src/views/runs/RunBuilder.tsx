// The run builder: what to run (suites, tests, tags; the tree's selection; the failed tests of
// an earlier run), where and how (browser configuration, environment, workers, retries,
// screenshots, trace, fail-fast, timeouts), how many tests that makes, then start and watch.
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react'
import type { RunPreset } from '../../../../shared/api/run-presets'
import type { RunPreview } from '../../../../shared/api/runs'
import type { TestRun } from '../../../../shared/model/execution'
import { ArtefactFields } from '../../components/ArtefactFields'
import { route } from '../../routes'
import { useApp, useAppStore } from '../../StoreContext'
import { selectedRows } from '../../tree/selection'
import { allTags, chosenTestIds, LAST_CHOICE_KEY, readChoice, runConfig, type RunChoice } from './run-choice'
import { errorText } from './run-format'

export function RunBuilder() {
  const store = useAppStore()
  const client = useApp((s) => s.client)
  const tree = useApp((s) => s.tree)
  const settings = useApp((s) => s.settings)
  const browsers = useApp((s) => s.lists.browser)
  const environments = useApp((s) => s.lists.environment)
  const treeSelection = useApp((s) => s.treeSelection)
  const id = useId()
  const [choice, setChoice] = useState<RunChoice | null>(null)
  const [failedRuns, setFailedRuns] = useState<TestRun[]>([])
  const [testFilter, setTestFilter] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [presets, setPresets] = useState<RunPreset[]>([])
  const [presetId, setPresetId] = useState('')
  const [presetName, setPresetName] = useState('')
  const [preview, setPreview] = useState<RunPreview | null>(null)
  // Number fields keep their own text; a loaded preset remounts them with its values.
  const [numbersKey, setNumbersKey] = useState(0)

  useEffect(() => {
    const state = store.getState()
    if (!state.tree) void state.loadOutline()
    void state.loadList('browser')
    void state.loadList('environment')
    void state.loadSettings()
    client.runs.list({ limit: 50, sort_by: 'created_at', sort_order: 'desc' }).then(
      (page) => setFailedRuns(page.items.filter((r) => r.failed_tests > 0)),
      () => setFailedRuns([]),
    )
    client.runPresets.list({}).then(setPresets, (e) => setError(errorText(e)))
  }, [store, client])
  // The last choice, once the defaults it falls back on are known.
  useEffect(() => {
    if (settings && !choice) setChoice(readChoice(localStorage.getItem(LAST_CHOICE_KEY), settings.run_defaults))
  }, [settings, choice])

  const treePicked = useMemo(() => {
    if (!tree) return { suite_ids: [], test_ids: [] }
    const rows = selectedRows({ tree, treeSelection })
    return { suite_ids: rows.suites, test_ids: rows.tests.map((t) => t.testId) }
  }, [tree, treeSelection])
  const testIds = useMemo(() => {
    if (!tree || !choice) return []
    if (choice.source === 'tree') return chosenTestIds(tree, { ...treePicked, tags: [] })
    if (choice.source === 'pick') return chosenTestIds(tree, choice)
    return []
  }, [tree, choice, treePicked])
  const failedRun = failedRuns.find((r) => r.id === choice?.failed_run_id) ?? null
  const count = choice?.source === 'failed' ? (failedRun?.failed_tests ?? 0) : testIds.length
  // Data iterations come from the data sets, which only main reads in full.
  const idsKey = testIds.join(' ')
  useEffect(() => {
    let live = true
    setPreview(null)
    if (!idsKey) return
    const timer = setTimeout(() => {
      client.runs.preview({ test_case_ids: idsKey.split(' ') }).then((p) => live && setPreview(p), () => live && setPreview(null))
    }, 150)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [client, idsKey])

  if (!choice || !tree) return <p className="loading">Loading…</p>
  const set = (patch: Partial<RunChoice>) => setChoice({ ...choice, ...patch })
  const toggle = (key: 'suite_ids' | 'tags' | 'test_ids', value: string, on: boolean) =>
    set({ [key]: on ? [...choice[key], value] : choice[key].filter((v) => v !== value) })
  const suites = [...tree.suitesById.values()].filter((s) => s.parent_id).sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))
  const tags = allTags(tree)
  const words = testFilter.toLowerCase().split(/\s+/).filter(Boolean)
  const tests = [...tree.testsById.values()].filter((t) => words.every((w) => t.name.toLowerCase().includes(w))).slice(0, 200)

  async function savePreset() {
    if (!choice) return
    const name = presetName.trim()
    if (!name) return setError('Name the preset to save it.')
    setError(null)
    try {
      const saved = await client.runPresets.save({ name, config: choice })
      setPresets((all) => [...all.filter((p) => p.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)))
      setPresetId(saved.id)
      store.getState().toast(`Saved the preset ${saved.name}`)
    } catch (e) {
      setError(errorText(e))
    }
  }

  function loadPreset() {
    const preset = presets.find((p) => p.id === presetId)
    if (!preset) return
    // Read like the remembered choice: what no longer fits falls back to the defaults.
    setChoice(readChoice(JSON.stringify(preset.config), settings?.run_defaults ?? null))
    setPresetName(preset.name)
    setNumbersKey((k) => k + 1)
  }

  async function start(event: FormEvent) {
    event.preventDefault()
    if (!choice) return
    setError(null)
    setBusy(true)
    try {
      localStorage.setItem(LAST_CHOICE_KEY, JSON.stringify(choice))
      let run: TestRun
      if (choice.source === 'failed') {
        if (!choice.failed_run_id) throw new Error('Choose the run whose failed tests run again.')
        run = await client.runs.rerun({ id: choice.failed_run_id, only: 'failed' })
        run = await client.runs.update({ id: run.id, ...runConfig(choice) })
      } else {
        if (!testIds.length) throw new Error('No tests are chosen: pick suites, tests or tags (only active tests of suites and tags run).')
        run = await client.runs.create({ ...runConfig(choice), test_case_ids: testIds })
      }
      await client.runs.start({ id: run.id })
      store.getState().navigate(route('runs', run.id))
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="pane scroll run-builder" data-region>
      <h1>New run</h1>
      <div className="toolbar-row" role="group" aria-label="Presets">
        <label htmlFor={`${id}-preset`}>Preset</label>
        <select id={`${id}-preset`} value={presetId} onChange={(e) => setPresetId(e.target.value)}>
          <option value="">{presets.length ? 'Choose a preset…' : 'No presets saved yet'}</option>
          {presets.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
        <button type="button" disabled={!presetId} onClick={loadPreset}>Load preset</button>
        <label htmlFor={`${id}-preset-name`}>Save as</label>
        <input id={`${id}-preset-name`} value={presetName} placeholder="Preset name" onChange={(e) => setPresetName(e.target.value)} />
        <button type="button" disabled={!presetName.trim()} onClick={() => void savePreset()}>Save preset</button>
      </div>
      <form className="form" aria-label="New run" onSubmit={start}>
        <div className="field">
          <label htmlFor={`${id}-name`}>Run name</label>
          <input id={`${id}-name`} value={choice.name} placeholder="Run_NNN when left empty" onChange={(e) => set({ name: e.target.value })} />
        </div>

        <fieldset className="field">
          <legend>What to run</legend>
          <label><input type="radio" name={`${id}-source`} checked={choice.source === 'pick'} onChange={() => set({ source: 'pick' })} /> Suites, tests and tags</label>
          <label><input type="radio" name={`${id}-source`} checked={choice.source === 'tree'} onChange={() => set({ source: 'tree' })} /> The selection in the tree ({treePicked.suite_ids.length} suites, {treePicked.test_ids.length} tests)</label>
          <label><input type="radio" name={`${id}-source`} checked={choice.source === 'failed'} onChange={() => set({ source: 'failed' })} disabled={!failedRuns.length} /> The failed tests of an earlier run</label>
        </fieldset>

        {choice.source === 'pick' && (
          <div className="pick-columns">
            <fieldset className="field pick-list">
              <legend>Suites</legend>
              {suites.map((s) => (
                <label key={s.id}>
                  <input type="checkbox" checked={choice.suite_ids.includes(s.id)} onChange={(e) => toggle('suite_ids', s.id, e.target.checked)} /> {s.path.slice(1).join(' / ')} <span className="muted">({s.test_count})</span>
                </label>
              ))}
            </fieldset>
            <fieldset className="field pick-list">
              <legend>Tags</legend>
              {tags.length === 0 && <span className="muted">No test has tags.</span>}
              {tags.map((tag) => (
                <label key={tag}>
                  <input type="checkbox" checked={choice.tags.includes(tag)} onChange={(e) => toggle('tags', tag, e.target.checked)} /> {tag}
                </label>
              ))}
            </fieldset>
            <fieldset className="field pick-list">
              <legend>Tests</legend>
              <input type="search" aria-label="Filter tests" placeholder="Filter tests…" value={testFilter} onChange={(e) => setTestFilter(e.target.value)} />
              {tests.map((t) => (
                <label key={t.id}>
                  <input type="checkbox" checked={choice.test_ids.includes(t.id)} onChange={(e) => toggle('test_ids', t.id, e.target.checked)} /> {t.name}
                  {t.status !== 'active' && <span className="muted"> ({t.status})</span>}
                </label>
              ))}
            </fieldset>
          </div>
        )}

        {choice.source === 'failed' && (
          <div className="field">
            <label htmlFor={`${id}-failed`}>Run</label>
            <select id={`${id}-failed`} value={choice.failed_run_id ?? ''} onChange={(e) => set({ failed_run_id: e.target.value || null })}>
              <option value="">Choose a run…</option>
              {failedRuns.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.run_name}: {r.failed_tests} failed
                </option>
              ))}
            </select>
          </div>
        )}

        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-browser`}>Browser configuration</label>
            <select id={`${id}-browser`} value={choice.browser_config_id ?? ''} onChange={(e) => set({ browser_config_id: e.target.value || null })}>
              <option value="">Default (Chromium, 1280×720)</option>
              {(browsers ?? []).map((b) => (
                <option key={b.id} value={b.id}>{b.name}</option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-env`}>Environment</label>
            <select id={`${id}-env`} value={choice.environment_id ?? ''} onChange={(e) => set({ environment_id: e.target.value || null })}>
              <option value="">None</option>
              {(environments ?? []).map((env) => (
                <option key={env.id} value={env.id}>{env.name}</option>
              ))}
            </select>
          </div>
        </div>
        <div className="field-row" key={`numbers-${numbersKey}`}>
          <NumberField id={`${id}-workers`} label="Workers (1-10)" min={1} max={10} value={choice.workers} onChange={(workers) => workers !== null && set({ workers })} />
          <NumberField id={`${id}-retries`} label="Retries (0-10)" min={0} max={10} value={choice.retries} onChange={(retries) => retries !== null && set({ retries })} />
          <ArtefactFields id={id} screenshots={choice.screenshots} trace={choice.trace} onChange={set} />
        </div>
        <div className="field-row" key={`timeouts-${numbersKey}`}>
          <NumberField id={`${id}-test-timeout`} label="Test timeout (seconds)" min={1} max={86_400} value={choice.test_timeout_s} optional onChange={(test_timeout_s) => set({ test_timeout_s })} />
          <NumberField id={`${id}-run-timeout`} label="Run timeout (minutes)" min={1} max={10_080} value={choice.run_timeout_min} optional onChange={(run_timeout_min) => set({ run_timeout_min })} />
        </div>
        <div className="field checkbox">
          <label><input type="checkbox" checked={choice.fail_fast} onChange={(e) => set({ fail_fast: e.target.checked })} /> Fail fast (stop the run at the first failed test)</label>
          <label><input type="checkbox" checked={choice.headless} onChange={(e) => set({ headless: e.target.checked })} /> Headless (no browser window)</label>
        </div>

        <p role="status" data-testid="run-count">
          {count === 1 ? '1 test will run' : `${count} tests will run`}
          {choice.retries > 0 ? `, each failed one retried up to ${choice.retries} times` : ''}
          {choice.source !== 'failed' && preview && preview.tests === count
            ? preview.data_driven_tests
              ? `; with data iterations, ${preview.iterations} ${preview.iterations === 1 ? 'execution' : 'executions'} (${preview.data_driven_tests} data-driven ${preview.data_driven_tests === 1 ? 'test' : 'tests'}, one per enabled row)`
              : '; no test is data-driven'
            : '; data-driven tests run once per data row'}
          .
        </p>
        {error && <p role="alert" className="field-issue">{error}</p>}
        <div className="buttons start">
          <button type="submit" className="primary" disabled={busy}>Start run</button>
        </div>
      </form>
    </div>
  )
}

function NumberField({ id, label, min, max, value, optional = false, onChange }: { id: string; label: string; min: number; max: number; value: number | null; optional?: boolean; onChange(value: number | null): void }) {
  const [text, setText] = useState(value === null ? '' : String(value))
  const parsed = text.trim() === '' ? null : Number(text)
  const wrong = (parsed === null && !optional) || (parsed !== null && (!Number.isInteger(parsed) || parsed < min || parsed > max))
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={text}
        placeholder={optional ? 'none' : undefined}
        aria-invalid={wrong}
        aria-describedby={wrong ? `${id}-issue` : undefined}
        onChange={(e) => {
          setText(e.target.value)
          const next = e.target.value.trim() === '' ? null : Number(e.target.value)
          if ((next === null && optional) || (next !== null && Number.isInteger(next) && next >= min && next <= max)) onChange(next)
        }}
      />
      {wrong && <span id={`${id}-issue`} className="field-issue">Must be a whole number from {min} to {max}</span>}
    </div>
  )
}
