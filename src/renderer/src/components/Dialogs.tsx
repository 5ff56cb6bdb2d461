// The app-wide dialogs: new test or suite, move to a suite, delete (saying what will be lost),
// tag tests, import a project file, the keyboard shortcuts.
import { Command } from 'cmdk'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { FieldIssue } from '../../../shared/api/errors'
import type { ImportSummary } from '../../../shared/model/project-file'
import { importProjectText, type ImportOutcome } from '../project-files'
import { route } from '../routes'
import { SHORTCUTS } from '../shortcuts'
import { useApp, useAppStore } from '../StoreContext'
import type { Dialog } from '../store/uiSlice'
import { selectedRows } from '../tree/selection'
import { suiteNodeId, suiteSubtree, testNodeId, type TreeModel } from '../tree/tree-model'
import * as TreeOps from '../tree/tree-ops'
import { workbench } from '../workbench'
import { Modal } from './Modal'

export function Dialogs() {
  const dialog = useApp((s) => s.dialog)
  const close = useApp((s) => s.closeDialog)
  if (!dialog) return null
  switch (dialog.kind) {
    case 'create':
      return <CreateDialog dialog={dialog} close={close} />
    case 'move':
      return <MoveDialog nodeIds={dialog.nodeIds} close={close} />
    case 'delete':
      return <DeleteDialog nodeIds={dialog.nodeIds} close={close} />
    case 'tag':
      return <TagDialog testIds={dialog.testIds} close={close} />
    case 'import':
      return <ImportDialog close={close} />
    case 'shortcuts':
      return <ShortcutsDialog close={close} />
  }
}

function suitePathName(tree: TreeModel, suiteId: string): string {
  const suite = tree.suitesById.get(suiteId)
  return suite && suite.parent_id ? suite.path.slice(1).join(' / ') : 'Top level'
}

/** A filterable list of suites to pick one from, by keyboard or pointer. */
function SuitePicker({ tree, exclude, value, onChange, label }: { tree: TreeModel; exclude?: Set<string>; value: string | null; onChange(id: string): void; label: string }) {
  const [query, setQuery] = useState('')
  const suites = [...tree.suitesById.values()].filter((s) => !exclude?.has(s.id))
  const words = query.toLowerCase().split(/\s+/).filter(Boolean)
  const shown = suites.filter((s) => words.every((w) => suitePathName(tree, s.id).toLowerCase().includes(w)))
  return (
    <Command shouldFilter={false} label={`${label}: filter`} value={value ?? undefined} onValueChange={(v) => v && onChange(v)} className="picker" loop>
      <Command.Input value={query} onValueChange={setQuery} placeholder="Filter suites…" />
      <Command.List>
        <Command.Empty>No suite matches.</Command.Empty>
        {shown.map((suite) => (
          <Command.Item key={suite.id} value={suite.id} onSelect={() => onChange(suite.id)}>
            {suitePathName(tree, suite.id)}
          </Command.Item>
        ))}
      </Command.List>
    </Command>
  )
}

function CreateDialog({ dialog, close }: { dialog: Extract<Dialog, { kind: 'create' }>; close(): void }) {
  const store = useAppStore()
  const tree = useApp((s) => s.tree)
  const [name, setName] = useState('')
  const [suiteId, setSuiteId] = useState(dialog.suiteId)
  const what = dialog.what
  if (!tree) return null
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const trimmed = name.trim()
    if (!trimmed) return
    const { client, runOp, navigate } = store.getState()
    const op = what === 'test' ? TreeOps.createTest(client, suiteId, trimmed) : TreeOps.createSuite(client, suiteId, trimmed)
    close()
    if (!(await runOp(op))) return
    if (what === 'test') {
      navigate(route('tests', op.id))
      setTimeout(() => workbench.revealNode?.(testNodeId(suiteId, op.id)))
    } else {
      setTimeout(() => workbench.revealNode?.(suiteNodeId(op.id)))
    }
  }
  return (
    <Modal title={what === 'test' ? 'New test' : 'New suite'} onClose={close}>
      <form onSubmit={(e) => void submit(e)} className="form">
        <label className="field">
          <span>Name</span>
          <input autoFocus value={name} onChange={(e) => setName(e.target.value)} required maxLength={255} />
        </label>
        <div className="field">
          <span id="create-in">In suite</span>
          <SuitePicker tree={tree} value={suiteId} onChange={setSuiteId} label="In suite" />
        </div>
        <div className="buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            Create {what}
          </button>
        </div>
      </form>
    </Modal>
  )
}

function MoveDialog({ nodeIds, close }: { nodeIds: string[]; close(): void }) {
  const store = useAppStore()
  const tree = useApp((s) => s.tree)
  const [target, setTarget] = useState<string | null>(null)
  const { suites, tests } = useMemo(() => selectedRows({ tree, treeSelection: nodeIds }), [tree, nodeIds])
  const exclude = useMemo(() => new Set(tree ? suites.flatMap((id) => suiteSubtree(tree, id)) : []), [tree, suites])
  if (!tree) return null
  const count = suites.length + tests.length
  const move = async () => {
    if (!target) return
    const { client, runOp } = store.getState()
    close()
    if (suites.length) {
      const index = [...tree.suitesById.values()].filter((s) => s.parent_id === target).length
      await runOp(TreeOps.moveSuites(client, tree, suites, target, index))
    }
    if (tests.length) await runOp(TreeOps.moveTests(client, store.getState().tree ?? tree, tests.map((t) => ({ testId: t.testId, fromSuiteId: t.suiteId })), target))
  }
  return (
    <Modal title={`Move ${count === 1 ? `'${tree.byId.get(nodeIds[0])?.name}'` : `${count} items`}`} description="Pick the suite to move to." onClose={close}>
      <SuitePicker tree={tree} exclude={exclude} value={target} onChange={setTarget} label="Move to suite" />
      <p className="muted">{target ? `To: ${suitePathName(tree, target)}` : 'No suite chosen yet.'}</p>
      <div className="buttons">
        <button type="button" onClick={close}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!target} onClick={() => void move()}>
          Move
        </button>
      </div>
    </Modal>
  )
}

function DeleteDialog({ nodeIds, close }: { nodeIds: string[]; close(): void }) {
  const store = useAppStore()
  const tree = useApp((s) => s.tree)
  const [plan, setPlan] = useState<TreeOps.DeletionPlan | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!tree) return
    const { suites, tests } = selectedRows({ tree, treeSelection: nodeIds })
    TreeOps.planDeletion(store.getState().client, tree, suites, [...new Set(tests.map((t) => t.testId))]).then(setPlan, (e: Error) => setError(e.message))
  }, [tree, nodeIds, store])
  const confirm = async () => {
    if (!plan || !tree) return
    close()
    const { route: current, navigate, runOp } = store.getState()
    if (current.section === 'tests' && current.id && plan.tests.some((t) => t.id === current.id)) navigate(route('tests'))
    await runOp(TreeOps.deleteOp(store.getState().client, tree, plan))
  }
  return (
    <Modal title="Delete?" onClose={close} description={plan ? `This deletes ${TreeOps.describeDeletion(plan)}.` : 'Reading what would be deleted…'}>
      {error && <p role="alert">{error}</p>}
      {plan && (
        <div className="deletion">
          <ul>
            {plan.suites.slice(0, 8).map((s) => (
              <li key={s.id}>Suite {s.path.slice(1).join(' / ')}</li>
            ))}
            {plan.tests.slice(0, 8).map((t) => (
              <li key={t.id}>
                Test {t.name} ({t.steps.length} steps)
              </li>
            ))}
            {plan.suites.length + plan.tests.length > 16 && <li>…and {plan.suites.length + plan.tests.length - 16} more</li>}
          </ul>
          {plan.executions > 0 && (
            <p className="warning">
              Also lost: the history of {plan.executions} execution{plan.executions === 1 ? '' : 's'} of these tests (pass rates, durations). Undo puts the tests and steps back, not their
              history.
            </p>
          )}
          {plan.unlinked.length > 0 && <p className="muted">{plan.unlinked.length} test(s) also in other suites stay there.</p>}
        </div>
      )}
      <div className="buttons">
        <button type="button" onClick={close} autoFocus>
          Cancel
        </button>
        <button type="button" className="danger" disabled={!plan} onClick={() => void confirm()}>
          Delete
        </button>
      </div>
    </Modal>
  )
}

function TagDialog({ testIds, close }: { testIds: string[]; close(): void }) {
  const store = useAppStore()
  const tree = useApp((s) => s.tree)
  const [tag, setTag] = useState('')
  if (!tree) return null
  const apply = (remove: boolean) => {
    const value = tag.trim()
    if (!value) return
    close()
    void store.getState().runOp(TreeOps.tagTests(store.getState().client, tree, testIds, value, remove))
  }
  return (
    <Modal title={`Tag ${testIds.length} test${testIds.length === 1 ? '' : 's'}`} onClose={close}>
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault()
          apply(false)
        }}
      >
        <label className="field">
          <span>Tag</span>
          <input autoFocus value={tag} onChange={(e) => setTag(e.target.value)} maxLength={100} list="known-tags" />
        </label>
        <datalist id="known-tags">
          {[...new Set([...tree.testsById.values()].flatMap((t) => t.tags))].sort().map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <div className="buttons">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="button" onClick={() => apply(true)} disabled={!tag.trim()}>
            Remove tag
          </button>
          <button type="submit" className="primary" disabled={!tag.trim()}>
            Add tag
          </button>
        </div>
      </form>
    </Modal>
  )
}

type Conversion = NonNullable<Extract<ImportOutcome, { ok: true }>['conversion']>

/** How much of another tool's file became steps, and every command that did not, with why. */
function ConversionReport({ conversion }: { conversion: Conversion }) {
  const { counts, unconverted } = conversion
  return (
    <>
      <p>
        {conversion.from}: {counts.converted} of {counts.commands} commands converted
        {counts.unconverted ? `; ${counts.unconverted} kept as disabled steps holding the original.` : '.'}
      </p>
      {unconverted.length > 0 && (
        <table className="issues">
          <caption>Not converted</caption>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Command</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {unconverted.slice(0, 200).map((u) => (
              <tr key={`${u.test}:${u.position}`}>
                <td>{u.test}</td>
                <td>
                  #{u.position} <code>{u.command}</code>
                </td>
                <td>{u.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function ImportDialog({ close }: { close(): void }) {
  const store = useAppStore()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ summary?: ImportSummary; conversion?: Conversion; message?: string; issues?: FieldIssue[]; file: string } | null>(null)
  const read = async (file: File | undefined) => {
    if (!file) return
    setBusy(true)
    const outcome = await importProjectText(store, await file.text(), file.name)
    setBusy(false)
    setResult(outcome.ok ? { summary: outcome.summary, conversion: outcome.conversion, file: file.name } : { message: outcome.message, issues: outcome.issues, file: file.name })
  }
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .filter(([, n]) => n)
      .map(([what, n]) => `${n} ${what.replace(/_/g, ' ')}`)
      .join(', ') || 'nothing'
  return (
    <Modal
      title="Import a project file"
      description="A .json file written by Export (or testdesk export), a Selenium IDE project (.side) or a Chrome DevTools Recorder recording (.json). Everything is checked before anything is written."
      onClose={close}
      wide
    >
      <label className="field">
        <span>Project file</span>
        <input type="file" accept=".json,.side,application/json" disabled={busy} onChange={(e) => void read(e.target.files?.[0])} />
      </label>
      {busy && <p role="status">Importing…</p>}
      {result?.summary && (
        <div role="status" className="import-result">
          <p>
            Imported {result.file} into project '{result.summary.project_name}': created {counts(result.summary.created)}; updated {counts(result.summary.updated)}.
          </p>
          {result.conversion && <ConversionReport conversion={result.conversion} />}
          {result.summary.warnings.length > 0 && (
            <ul>
              {result.summary.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {result?.message && (
        <div role="alert" className="import-result error">
          <p>Nothing was imported from {result.file}: {result.message}</p>
          {!!result.issues?.length && (
            <table className="issues">
              <caption className="visually-hidden">Problems by JSON path</caption>
              <thead>
                <tr>
                  <th scope="col">Where (JSON path)</th>
                  <th scope="col">What is wrong</th>
                </tr>
              </thead>
              <tbody>
                {result.issues.slice(0, 200).map((issue, i) => (
                  <tr key={i}>
                    <td>
                      <code>{issue.field ? `$.${issue.field}` : '$'}</code>
                    </td>
                    <td>{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <div className="buttons">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Modal>
  )
}

function ShortcutsDialog({ close }: { close(): void }) {
  const places = [...new Set(SHORTCUTS.map((s) => s.where))]
  return (
    <Modal title="Keyboard shortcuts" onClose={close} wide>
      {places.map((where) => (
        <table key={where} className="shortcuts">
          <caption>{where}</caption>
          <tbody>
            {SHORTCUTS.filter((s) => s.where === where).map((s) => (
              <tr key={s.keys + s.does}>
                <th scope="row">
                  <kbd>{s.keys}</kbd>
                </th>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <div className="buttons">
        <button type="button" onClick={close} autoFocus>
          Close
        </button>
      </div>
    </Modal>
  )
}
