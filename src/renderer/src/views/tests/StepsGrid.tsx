// The steps as a table: number, action, target, value and the catalogue's description. Rows are
// virtualised (TanStack Virtual) for long tests, reordered by dragging (dnd-kit) or Alt+arrows,
// and edited inline (F2 or double-click) or in the form beside the table.
import { DndContext, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core'
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { STEP_ACTIONS } from '../../../../shared/steps'
import { moveStep, updateStep } from '../../editor/step-ops'
import { stepDescription, stepIssues, type StepDraft, type TestDoc } from '../../editor/test-doc'
import { isMod } from '../../shortcuts'
import { useApp, useAppStore } from '../../StoreContext'
import { register } from '../../workbench'
import { AddStepButton } from './AddStep'

const ROW_HEIGHT = 34
const LABELS = new Map(STEP_ACTIONS.map((a) => [a.action as string, a]))

export function StepsGrid() {
  const store = useAppStore()
  const doc = useApp((s) => s.docs.test?.present as TestDoc | undefined)
  const selected = useApp((s) => s.selectedSteps)
  const focused = useApp((s) => s.focusedStep)
  const scroller = useRef<HTMLDivElement>(null)
  const grid = useRef<HTMLDivElement>(null)
  const [editing, setEditing] = useState<{ id: string; field: 'target' | 'value' } | null>(null)
  // Rows get handlers that never change, so scrolling re-renders only rows that came into view.
  const latest = useRef<{ select(id: string, index: number, additive: boolean, range: boolean): void; commit(id: string, field: 'target' | 'value', text: string): void } | null>(null)
  const handlers = useRef<RowHandlers>({
    select: (id, index, additive, range) => latest.current?.select(id, index, additive, range),
    edit: (id, field) => setEditing({ id, field }),
    commit: (id, field, text) => latest.current?.commit(id, field, text),
    cancel: () => setEditing(null),
  }).current
  const steps = doc?.steps ?? []
  const virtualizer = useVirtualizer({ count: steps.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 })
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }))
  const focusedIndex = steps.findIndex((s) => s.id === focused)

  useEffect(() => register('focusSteps', () => focusRow(focusedIndex >= 0 ? focusedIndex : 0)), [focusedIndex, steps.length])

  // Keep the focused row in view and holding the focus when it moves (keyboard, reorder, add).
  useEffect(() => {
    if (focusedIndex < 0) return
    virtualizer.scrollToIndex(focusedIndex, { align: 'auto' })
    requestAnimationFrame(() => {
      // Only when a row (not an inline field being edited) holds the focus.
      const active = document.activeElement
      if (grid.current?.contains(active) && (active === grid.current || active?.getAttribute('role') === 'row')) {
        grid.current.querySelector<HTMLElement>(`[data-step-id="${focused}"]`)?.focus({ preventScroll: true })
      }
    })
  }, [focusedIndex, focused, virtualizer])

  if (!doc) return null
  const state = () => store.getState()

  function focusRow(index: number, extend = false) {
    const step = steps[Math.max(0, Math.min(index, steps.length - 1))]
    if (!step) {
      grid.current?.focus()
      return
    }
    if (extend && focused) {
      const from = steps.findIndex((s) => s.id === focused)
      const anchor = state().selectedSteps.length ? steps.findIndex((s) => s.id === state().selectedSteps[0]) : from
      const [a, b] = [Math.min(anchor, index), Math.max(anchor, index)]
      state().setStepSelection(steps.slice(a, b + 1).map((s) => s.id), step.id)
      if (anchor > index) state().setStepSelection(steps.slice(a, b + 1).map((s) => s.id).reverse(), step.id)
    } else state().setStepSelection([step.id], step.id)
    virtualizer.scrollToIndex(Math.max(0, Math.min(index, steps.length - 1)))
    requestAnimationFrame(() => grid.current?.querySelector<HTMLElement>(`[data-step-id="${step.id}"]`)?.focus({ preventScroll: true }))
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (editing || (event.target as HTMLElement).tagName === 'INPUT') return
    const index = focusedIndex
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 300) / ROW_HEIGHT) - 1)
    const handled = () => {
      event.preventDefault()
      event.stopPropagation()
    }
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      handled()
      state().moveFocusedStep(event.key === 'ArrowUp' ? -1 : 1)
      return
    }
    switch (event.key) {
      case 'ArrowDown':
        handled()
        return focusRow(index + 1, event.shiftKey)
      case 'ArrowUp':
        handled()
        return focusRow(index - 1, event.shiftKey)
      case 'Home':
        handled()
        return focusRow(0, event.shiftKey)
      case 'End':
        handled()
        return focusRow(steps.length - 1, event.shiftKey)
      case 'PageDown':
        handled()
        return focusRow(index + page, event.shiftKey)
      case 'PageUp':
        handled()
        return focusRow(index - page, event.shiftKey)
      case 'Enter':
        handled()
        document.querySelector<HTMLElement>('#step-form [data-first-field]')?.focus()
        return
      case 'F2': {
        handled()
        const step = steps[index]
        if (step) setEditing({ id: step.id, field: LABELS.get(step.action)?.target !== 'none' ? 'target' : 'value' })
        return
      }
      case 'Delete':
        handled()
        return state().deleteSelectedSteps()
      case 'Insert':
        handled()
        document.querySelector<HTMLElement>('[data-add-step]')?.click()
        return
    }
    if (isMod(event) && event.key.toLowerCase() === 'd') {
      handled()
      state().duplicateSelectedSteps()
    } else if (isMod(event) && event.key === '/') {
      handled()
      state().toggleSelectedSteps()
    } else if (isMod(event) && event.key.toLowerCase() === 'a') {
      handled()
      state().setStepSelection(steps.map((s) => s.id), focused)
    }
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return
    const to = steps.findIndex((s) => s.id === over.id)
    state().editDoc<TestDoc>('test', (d) => moveStep(d, String(active.id), to))
    state().setStepSelection([String(active.id)], String(active.id))
  }

  const commitInline = (id: string, field: 'target' | 'value', text: string) => {
    setEditing(null)
    state().editDoc<TestDoc>('test', (d) => {
      const step = d.steps.find((s) => s.id === id)
      if (!step) return d
      if (field === 'value') return updateStep(d, id, { value: text })
      return updateStep(d, id, { target: { ...(step.target ?? { alternatives: [] }), selector: text, alternatives: step.target?.alternatives ?? [] } })
    })
    requestAnimationFrame(() => grid.current?.querySelector<HTMLElement>(`[data-step-id="${id}"]`)?.focus())
  }

  const selectedSet = new Set(selected)
  latest.current = { select: (id, index, additive, range) => {
    if (range) focusRow(index, true)
    else if (additive) state().setStepSelection(selectedSet.has(id) ? selected.filter((s) => s !== id) : [...selected, id], id)
    else state().setStepSelection([id], id)
  }, commit: commitInline }
  return (
    <div className="steps" data-undo="test">
      <div className="toolbar-row steps-toolbar">
        <AddStepButton />
        <span className="muted">
          {steps.length} steps{selected.length > 1 ? `, ${selected.length} selected` : ''}
        </span>
      </div>
      <div
        ref={grid}
        role="grid"
        aria-label="Steps"
        aria-rowcount={steps.length + 1}
        aria-multiselectable="true"
        className="grid"
        tabIndex={steps.length ? -1 : 0}
        onKeyDown={onKeyDown}
      >
        <div role="row" aria-rowindex={1} className="grid-row header">
          <span role="columnheader" className="c-num">
            #
          </span>
          <span role="columnheader" className="c-action">
            Action
          </span>
          <span role="columnheader" className="c-target">
            Target
          </span>
          <span role="columnheader" className="c-value">
            Value
          </span>
          <span role="columnheader" className="c-desc">
            Description
          </span>
        </div>
        <div ref={scroller} className="grid-body" role="rowgroup">
          {steps.length === 0 && <p className="empty">No steps yet: add one (Insert, or the Add step button).</p>}
          <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd} accessibility={{ container: document.body }}>
            <SortableContext items={steps.map((s) => s.id)} strategy={verticalListSortingStrategy}>
              <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                {virtualizer.getVirtualItems().map((item) => {
                  const step = steps[item.index]
                  return (
                    <StepRow
                      key={step.id}
                      step={step}
                      index={item.index}
                      top={item.start}
                      selected={selectedSet.has(step.id)}
                      focused={step.id === focused || (focusedIndex < 0 && item.index === 0)}
                      editing={editing?.id === step.id ? editing.field : null}
                      handlers={handlers}
                    />
                  )
                })}
              </div>
            </SortableContext>
          </DndContext>
        </div>
      </div>
    </div>
  )
}

interface RowHandlers {
  select(id: string, index: number, additive: boolean, range: boolean): void
  edit(id: string, field: 'target' | 'value'): void
  commit(id: string, field: 'target' | 'value', text: string): void
  cancel(): void
}

interface RowProps {
  step: StepDraft
  index: number
  top: number
  selected: boolean
  focused: boolean
  editing: 'target' | 'value' | null
  handlers: RowHandlers
}

const StepRow = memo(function StepRow({ step, index, top, selected, focused, editing, handlers }: RowProps) {
  const onSelect = (additive: boolean, range: boolean) => handlers.select(step.id, index, additive, range)
  const onEdit = (field: 'target' | 'value') => handlers.edit(step.id, field)
  const onCommit = (field: 'target' | 'value', text: string) => handlers.commit(step.id, field, text)
  const onCancel = handlers.cancel
  const { listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: step.id })
  const info = LABELS.get(step.action)
  const issues = stepIssues(step)
  const description = stepDescription(step)
  const alternatives = step.target?.alternatives.length ?? 0
  return (
    <div
      ref={setNodeRef}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={`Step ${index + 1}: ${description}${step.disabled ? ' (disabled)' : ''}${issues.length ? ' (needs attention)' : ''}`}
      data-step-id={step.id}
      tabIndex={focused ? 0 : -1}
      className={`grid-row step${selected ? ' selected' : ''}${step.disabled ? ' disabled' : ''}${issues.length ? ' invalid' : ''}${isDragging ? ' dragging' : ''}`}
      style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${top}px) ${CSS.Transform.toString(transform) ?? ''}`, transition }}
      onClick={(e) => onSelect(e.ctrlKey || e.metaKey, e.shiftKey)}
      // Only the pointer listeners: dnd-kit's attributes would make the row a button, and the
      // keyboard moves steps with Alt+arrows instead.
      {...listeners}
    >
      <span role="gridcell" className="c-num">
        {index + 1}
      </span>
      <span role="gridcell" className="c-action">
        {info?.label ?? step.action}
        {step.disabled && <span className="badge">disabled</span>}
      </span>
      <span role="gridcell" className="c-target" onDoubleClick={() => info?.target !== 'none' && onEdit('target')}>
        {editing === 'target' ? (
          <InlineInput label={`Target of step ${index + 1}`} initial={step.target?.selector ?? ''} onCommit={(text) => onCommit('target', text)} onCancel={onCancel} />
        ) : (
          <>
            <code>{step.target?.selector ?? ''}</code>
            {alternatives > 0 && <span className="muted"> +{alternatives}</span>}
          </>
        )}
      </span>
      <span role="gridcell" className="c-value" onDoubleClick={() => info?.value !== 'none' && onEdit('value')}>
        {editing === 'value' ? (
          <InlineInput label={`Value of step ${index + 1}`} initial={step.value ?? ''} onCommit={(text) => onCommit('value', text)} onCancel={onCancel} />
        ) : (
          step.value ?? ''
        )}
      </span>
      <span role="gridcell" className="c-desc" title={issues.length ? issues.map((i) => `${i.field}: ${i.message}`).join('\n') : description}>
        {issues.length > 0 && <span className="issue-mark">⚠ </span>}
        {description}
      </span>
    </div>
  )
})

function InlineInput({ label, initial, onCommit, onCancel }: { label: string; initial: string; onCommit(text: string): void; onCancel(): void }) {
  const [text, setText] = useState(initial)
  return (
    <input
      autoFocus
      aria-label={label}
      className="inline-input"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onClick={(e) => e.stopPropagation()}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation()
        if (e.key === 'Enter') onCommit(text)
        if (e.key === 'Escape') onCancel()
      }}
      onBlur={() => onCommit(text)}
    />
  )
}
