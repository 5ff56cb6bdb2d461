// Keys that work anywhere in the window: the palette, undo and redo, save now, moving focus
// between the parts of the window (F6), and a few single keys when not typing.
import { useEffect } from 'react'
import { selectedRows } from './tree/selection'
import { isMod, isTyping } from './shortcuts'
import { useAppStore } from './StoreContext'
import { undoIn, undoScopeOf } from './undo'
import { workbench } from './workbench'

/** The parts of the window F6 moves between, in order (each marks itself with data-region). */
function cycleRegions(backwards: boolean): void {
  const regions = [...document.querySelectorAll<HTMLElement>('[data-region]')].filter((r) => r.offsetParent !== null || r === document.activeElement)
  if (!regions.length) return
  const current = regions.findIndex((r) => r.contains(document.activeElement))
  const next = regions[(current + (backwards ? -1 : 1) + regions.length) % regions.length]
  const target = next.querySelector<HTMLElement>('[data-region-focus]') ?? next
  target.focus()
}

export function useGlobalKeys(): void {
  const store = useAppStore()
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const state = store.getState()
      const key = event.key.toLowerCase()
      if (isMod(event) && key === 'k') {
        event.preventDefault()
        state.setPaletteOpen(!state.paletteOpen)
        return
      }
      if (event.key === 'F6') {
        event.preventDefault()
        cycleRegions(event.shiftKey)
        return
      }
      // Dialogs and the palette handle their own keys.
      if (state.paletteOpen || state.dialog) return
      // CodeMirror keeps its own undo history for the text it edits.
      const inCodeEditor = (event.target as HTMLElement | null)?.closest?.('.cm-editor')
      if (isMod(event) && !event.altKey && (key === 'z' || key === 'y') && !inCodeEditor) {
        event.preventDefault()
        undoIn(state, undoScopeOf(state, document.activeElement), key === 'y' || event.shiftKey)
        return
      }
      if (isMod(event) && key === 's') {
        event.preventDefault()
        for (const kind of Object.keys(state.docs)) void state.flushSave(kind as never)
        return
      }
      if (event.altKey && !isMod(event) && key === 'n') {
        event.preventDefault()
        const { suites, tests } = selectedRows(state)
        const suiteId = suites[0] ?? tests[0]?.suiteId ?? state.tree?.root?.id
        if (suiteId) state.openDialog({ kind: 'create', what: event.shiftKey ? 'suite' : 'test', suiteId })
        return
      }
      if (isTyping(event.target) || isMod(event) || event.altKey) return
      if (event.key === '/') {
        event.preventDefault()
        if (state.route.section !== 'tests') state.navigate({ section: 'tests', id: null, rest: [] })
        setTimeout(() => workbench.focusFilter?.())
      } else if (event.key === '?') {
        event.preventDefault()
        state.openDialog({ kind: 'shortcuts' })
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
