// Above the tree: the filter (name, tag:, status:, result:), new test and suite, and the actions
// for the selected rows.
import * as Menu from '@radix-ui/react-dropdown-menu'
import { useEffect, useRef } from 'react'
import { useApp, useAppStore } from '../../StoreContext'
import { selectedRows } from '../../tree/selection'
import * as TreeOps from '../../tree/tree-ops'
import { register, workbench } from '../../workbench'

export function TreeToolbar() {
  const store = useAppStore()
  const filter = useApp((s) => s.filter)
  const setFilter = useApp((s) => s.setFilter)
  const selection = useApp((s) => s.treeSelection)
  const tree = useApp((s) => s.tree)
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => register('focusFilter', () => input.current?.focus()), [])

  const { suites, tests } = selectedRows({ tree, treeSelection: selection })
  const testIds = [...new Set(tests.map((t) => t.testId))]
  const suiteId = suites[0] ?? tests[0]?.suiteId ?? tree?.root?.id
  const state = () => store.getState()
  const total = tree?.testsById.size ?? 0

  return (
    <div className="toolbar">
      <input
        ref={input}
        type="search"
        className="filter"
        placeholder="Filter: name  tag:smoke  status:draft  result:failed"
        aria-label="Filter tests"
        aria-describedby="filter-help"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || (e.key === 'Enter' && filter)) {
            e.preventDefault()
            workbench.focusTree?.()
          } else if (e.key === 'Escape' && filter) {
            e.preventDefault()
            setFilter('')
          }
        }}
        data-region-focus
      />
      <span id="filter-help" className="visually-hidden">
        Words match test and suite names; tag:, status: (active, draft, archived) and result: (passed, failed, skipped, never) narrow further. Arrow down goes to the tree.
      </span>
      <div className="toolbar-row">
        <span className="muted" aria-live="polite">
          {total} tests{selection.length ? `, ${selection.length} selected` : ''}
        </span>
        <span className="spacer" />
        <button type="button" disabled={!suiteId} onClick={() => suiteId && state().openDialog({ kind: 'create', what: 'test', suiteId })}>
          New test
        </button>
        <button type="button" disabled={!suiteId} onClick={() => suiteId && state().openDialog({ kind: 'create', what: 'suite', suiteId })}>
          New suite
        </button>
        <Menu.Root modal={false}>
          <Menu.Trigger asChild>
            <button type="button" disabled={!selection.length}>
              Selected ▾
            </button>
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu" align="end">
              <Menu.Item className="menu-item" onSelect={() => state().openDialog({ kind: 'move', nodeIds: selection })}>
                Move to…
              </Menu.Item>
              <Menu.Item className="menu-item" disabled={!testIds.length} onSelect={() => state().openDialog({ kind: 'tag', testIds })}>
                Tag…
              </Menu.Item>
              <Menu.Item className="menu-item" disabled={!testIds.length || !tree} onSelect={() => tree && void state().runOp(TreeOps.setTestStatus(state().client, tree, testIds, 'active'))}>
                Activate
              </Menu.Item>
              <Menu.Item className="menu-item" disabled={!testIds.length || !tree} onSelect={() => tree && void state().runOp(TreeOps.setTestStatus(state().client, tree, testIds, 'archived'))}>
                Deactivate
              </Menu.Item>
              <Menu.Separator className="menu-separator" />
              <Menu.Item className="menu-item danger" onSelect={() => state().openDialog({ kind: 'delete', nodeIds: selection })}>
                Delete…
              </Menu.Item>
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
    </div>
  )
}
