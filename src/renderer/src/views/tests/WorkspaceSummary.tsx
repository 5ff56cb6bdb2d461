// What the editor side shows when no test is open: the project at a glance and how to go on.
import { useApp } from '../../StoreContext'

export function WorkspaceSummary() {
  const outline = useApp((s) => s.outline)
  if (!outline) return null
  const counts = { passed: 0, failed: 0, skipped: 0, never: 0 }
  for (const test of outline.tests) counts[test.last_status ?? 'never']++
  return (
    <section className="pane summary" aria-labelledby="summary-title" data-region tabIndex={-1}>
      <h1 id="summary-title">{outline.project.name}</h1>
      <p>
        {outline.suites.length - 1} suites, {outline.tests.length} tests. Last results: {counts.passed} passed, {counts.failed} failed, {counts.skipped} skipped, {counts.never} never ran.
      </p>
      <p className="muted">
        Open a test from the tree (arrow keys and Enter), or find it by name with <kbd>Ctrl+K</kbd>. <kbd>Alt+N</kbd> creates a test, <kbd>?</kbd> lists every shortcut.
      </p>
    </section>
  )
}
