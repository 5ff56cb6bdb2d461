// The top of every edited document: its name (editable), whether it is saved, undo and redo,
// and the conflict when someone else saved it meanwhile, with both ways out.
import { useEffect, useState } from 'react'
import { canRedo, canUndo, statusOf, type SaveStatus } from '../store/document'
import type { DocKind } from '../store/doc-adapters'
import { useApp } from '../StoreContext'

const STATUS_TEXT: Record<SaveStatus, string> = {
  saved: 'Saved',
  saving: 'Saving…',
  unsaved: 'Unsaved changes',
  invalid: 'Not saved yet',
  error: 'Not saved',
  conflict: 'Changed elsewhere',
}

export function SaveState({ kind }: { kind: DocKind }) {
  const doc = useApp((s) => s.docs[kind])
  if (!doc) return null
  const status = statusOf(doc)
  const detail = status === 'invalid' ? doc.invalid : status === 'error' ? doc.error : null
  return (
    <span className={`save-state ${status}`} role="status" data-testid="save-state" title={detail ?? undefined}>
      {STATUS_TEXT[status]}
      {detail && <span className="save-detail">: {detail}</span>}
    </span>
  )
}

export function DocHeader<D>({
  kind,
  title,
  label,
  onRename,
  describeConflict,
}: {
  kind: DocKind
  title: string
  label: string
  onRename(name: string): void
  describeConflict?(mine: D, theirs: D): string
}) {
  const doc = useApp((s) => s.docs[kind])
  const undo = useApp((s) => s.undoDoc)
  const redo = useApp((s) => s.redoDoc)
  const retry = useApp((s) => s.retrySave)
  const resolve = useApp((s) => s.resolveConflict)
  const [name, setName] = useState(title)
  useEffect(() => setName(title), [title])
  if (!doc) return null
  const status = statusOf(doc)

  return (
    <header className="doc-header">
      <div className="doc-title-row">
        <input
          className="doc-title"
          aria-label={label}
          value={name}
          onChange={(e) => {
            setName(e.target.value)
            onRename(e.target.value)
          }}
        />
        <SaveState kind={kind} />
        <button type="button" onClick={() => undo(kind)} disabled={!canUndo(doc)} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" onClick={() => redo(kind)} disabled={!canRedo(doc)} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
      </div>
      {status === 'error' && (
        <div className="banner error" role="alert">
          <span>Your last changes are not saved: {doc.error}</span>
          <button type="button" onClick={() => retry(kind)}>
            Try again
          </button>
        </div>
      )}
      {doc.conflict && (
        <div className="banner conflict" role="alert" aria-labelledby={`${kind}-conflict-title`}>
          <div>
            <strong id={`${kind}-conflict-title`}>Someone else changed this since you opened it.</strong> {doc.conflict.message}.{' '}
            {describeConflict?.(doc.present as D, doc.conflict.theirs as D)} Nothing was overwritten: choose which version to keep.
          </div>
          <div className="buttons">
            <button type="button" onClick={() => resolve(kind, 'theirs')}>
              Take their version
            </button>
            <button type="button" className="primary" onClick={() => resolve(kind, 'mine')}>
              Keep mine (overwrite theirs)
            </button>
          </div>
        </div>
      )}
    </header>
  )
}
