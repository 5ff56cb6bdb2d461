// The suite tree: react-arborist gives the virtualised rows, keyboard navigation, multi-select,
// drag and drop and inline rename; this file maps them onto TestDesk's undoable operations.
import * as ContextMenu from '@radix-ui/react-context-menu'
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react'
import { Tree, type NodeApi, type NodeRendererProps, type RowRendererProps, type TreeApi } from 'react-arborist'
import { route } from '../../routes'
import { isMod } from '../../shortcuts'
import { useApp, useAppStore } from '../../StoreContext'
import { selectedRows } from '../../tree/selection'
import { filterTree, isEmptyQuery, lowerNamesOf, parseQuery, suiteNodeId, testNodeId, type TreeModel, type TreeNode } from '../../tree/tree-model'
import * as TreeOps from '../../tree/tree-ops'
import { register } from '../../workbench'
import { useSize } from '../useSize'

const ROW_HEIGHT = 28

export function SuiteTree() {
  const store = useAppStore()
  const tree = useApp((s) => s.tree)
  const filter = useApp((s) => s.filter)
  const openTestId = useApp((s) => (s.route.section === 'tests' ? s.route.id : null))
  const error = useApp((s) => s.outlineError)
  const api = useRef<TreeApi<TreeNode> | null>(null)
  const [box, size] = useSize<HTMLDivElement>()

  const lowerNames = useMemo(() => (tree ? lowerNamesOf(tree) : new Map<string, string>()), [tree])
  const query = useMemo(() => parseQuery(filter), [filter])
  const filtered = useMemo(() => (tree && !isEmptyQuery(query) ? filterTree(tree, query, lowerNames) : null), [tree, query, lowerNames])
  const matchCounts = useMemo(() => (tree && filtered ? countMatches(tree, filtered.nodes) : null), [tree, filtered])

  // The open test's row is selected and scrolled to (its first suite when it sits in several).
  const selection = useMemo(() => {
    if (!tree || !openTestId) return undefined
    const suiteId = tree.suitesOf.get(openTestId)?.[0]
    return suiteId ? testNodeId(suiteId, openTestId) : undefined
  }, [tree, openTestId])

  useEffect(() => {
    const stops = [
      register('renameNode', (id) => {
        api.current?.focus(id)
        api.current?.edit(id)
      }),
      register('focusTree', () => {
        // The row that had the focus if the filter still shows it, else the first row shown.
        const tree = api.current
        const node = tree?.focusedNode ?? tree?.firstNode
        if (tree && node) focusRow(tree, node)
        else box.current?.querySelector<HTMLElement>('[role=tree]')?.focus()
      }),
      register('revealNode', (id) => {
        api.current?.openParents(id)
        api.current?.select(id)
        api.current?.scrollTo(id)
      }),
    ]
    return () => stops.forEach((stop) => stop())
  }, [box])

  if (error && !tree) return <p role="alert">Could not read the suites: {error}</p>
  if (!tree) return <p className="loading">Loading suites…</p>

  const state = () => store.getState()
  const runOp = (op: TreeOps.Op) => state().runOp(op)

  const onMove = ({ dragIds, parentId, index }: { dragIds: string[]; parentId: string | null; index: number }) => {
    const model = state().tree
    if (!model?.root) return
    const target = parentId ? (model.byId.get(parentId) as TreeNode | undefined) : undefined
    const toSuite = target?.kind === 'suite' ? target.suite.id : model.root.id
    const { suites, tests } = selectedRows({ tree: model, treeSelection: dragIds })
    if (suites.length) {
      // The drop index counts every row shown in the parent; suites come first there.
      const siblings = [...model.suitesById.values()].filter((s) => s.parent_id === toSuite).length
      void runOp(TreeOps.moveSuites(state().client, model, suites, toSuite, Math.min(index, siblings)))
    }
    const moving = tests.filter((t) => t.suiteId !== toSuite).map((t) => ({ testId: t.testId, fromSuiteId: t.suiteId }))
    if (moving.length) void runOp(TreeOps.moveTests(state().client, model, moving, toSuite))
  }

  const onRename = ({ id, name }: { id: string; name: string }) => {
    const node = state().tree?.byId.get(id)
    const trimmed = name.trim()
    if (!node || !trimmed || trimmed === node.name) return
    if (node.kind === 'suite') void runOp(TreeOps.renameSuite(state().client, node.suite, trimmed))
    else if (state().docs.test?.id === node.test.id) {
      // The open test is renamed through its editor, so the rename is in its undo history too.
      state().editDoc<{ name: string }>('test', (doc) => ({ ...doc, name: trimmed }))
    } else void runOp(TreeOps.renameTest(state().client, node.test.id, node.name, trimmed))
  }

  const duplicate = async (nodeIds: string[]) => {
    const model = state().tree
    if (!model) return
    const { tests } = selectedRows({ tree: model, treeSelection: nodeIds })
    if (!tests.length) {
      state().toast('Duplicate copies tests: select tests to copy', { tone: 'error' })
      return
    }
    const op = await TreeOps.duplicateTests(state().client, model, tests)
    if (await runOp(op)) state().navigate(route('tests', op.ids[op.ids.length - 1]))
  }

  const moveAmongSiblings = (node: NodeApi<TreeNode>, delta: number) => {
    const model = state().tree
    if (!model || node.data.kind !== 'suite') return
    const suite = node.data.suite
    const siblings = [...model.suitesById.values()].filter((s) => s.parent_id === suite.parent_id).sort((a, b) => a.position - b.position)
    const from = siblings.findIndex((s) => s.id === suite.id)
    const to = from + delta
    if (to < 0 || to >= siblings.length) return
    // moveSuites takes the index among the rows shown before the move.
    void runOp(TreeOps.moveSuites(state().client, model, [suite.id], suite.parent_id!, delta > 0 ? to + 1 : to)).then(() =>
      setTimeout(() => api.current?.focus(suiteNodeId(suite.id))),
    )
  }

  const onKeyDownCapture = (event: KeyboardEvent) => {
    const treeApi = api.current
    if (!treeApi || treeApi.isEditing) return
    const focused = treeApi.focusedNode
    const selected = treeApi.selectedIds.size ? [...treeApi.selectedIds] : focused ? [focused.id] : []
    const stop = () => {
      event.preventDefault()
      event.stopPropagation()
    }
    const onBox = (event.target as HTMLElement).getAttribute('role') === 'tree'
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && (onBox || !focused) && (focused ?? treeApi.firstNode)) {
      // The tree box has the page's focus but no row does (the filter showed no row when the
      // focus came here, or the focused row was filtered away): the first arrow goes to the row.
      stop()
      focusRow(treeApi, (focused ?? treeApi.firstNode)!)
    } else if (event.key === 'Enter' && focused) {
      stop()
      if (focused.data.kind === 'test') {
        focused.select()
        focused.activate()
      } else focused.toggle()
    } else if (event.key === 'F2' && focused) {
      stop()
      treeApi.edit(focused)
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selected.length) {
      stop()
      state().openDialog({ kind: 'delete', nodeIds: selected })
    } else if (isMod(event) && event.key.toLowerCase() === 'd' && selected.length) {
      stop()
      void duplicate(selected)
    } else if (isMod(event) && event.key.toLowerCase() === 'm' && selected.length) {
      stop()
      state().openDialog({ kind: 'move', nodeIds: selected })
    } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && focused) {
      stop()
      moveAmongSiblings(focused, event.key === 'ArrowUp' ? -1 : 1)
    }
  }

  return (
    <ContextMenu.Root modal={false}>
      <ContextMenu.Trigger asChild>
        <div className="tree-box" ref={box} onKeyDownCapture={onKeyDownCapture} data-undo="tree">
          {size.height > 0 && (
            <Tree<TreeNode>
              ref={api}
              data={tree.nodes}
              idAccessor="id"
              childrenAccessor={(node) => (node.kind === 'suite' ? node.children : null)}
              width={size.width}
              height={size.height}
              rowHeight={ROW_HEIGHT}
              indent={16}
              openByDefault={false}
              selectionFollowsFocus
              aria-label="Suites and tests"
              searchTerm={filtered ? filter : undefined}
              searchMatch={(node) => !!filtered?.nodes.has(node.id)}
              selection={selection}
              onActivate={(node) => node.data.kind === 'test' && state().navigate(route('tests', node.data.test.id))}
              onSelect={(nodes) => state().setTreeSelection(nodes.map((n) => n.id))}
              onMove={onMove}
              onRename={onRename}
              onDelete={({ ids }) => state().openDialog({ kind: 'delete', nodeIds: ids })}
              renderRow={Row}
            >
              {(props) => <Node {...props} matchCount={props.node.data.kind === 'suite' ? matchCounts?.get(props.node.data.suite.id) : undefined} />}
            </Tree>
          )}
          {filtered && filtered.tests === 0 && <p className="empty">No test matches “{filter}”.</p>}
          {!filtered && tree.nodes.length === 0 && <p className="empty">No suites or tests yet. Create one with Alt+N, or import a project file (Ctrl+K, “Import”).</p>}
        </div>
      </ContextMenu.Trigger>
      <TreeContextMenu duplicate={duplicate} />
    </ContextMenu.Root>
  )
}

/** How many of a suite's tests (and its descendants') match the filter. */
function countMatches(tree: TreeModel, nodes: Set<string>): Map<string, number> {
  const perSuite = new Map<string, Set<string>>()
  for (const id of nodes) {
    const node = tree.byId.get(id)
    if (node?.kind !== 'test') continue
    for (let suite = tree.suitesById.get(node.suiteId); suite; suite = suite.parent_id ? tree.suitesById.get(suite.parent_id) : undefined) {
      ;(perSuite.get(suite.id) ?? perSuite.set(suite.id, new Set()).get(suite.id)!).add(node.test.id)
    }
  }
  return new Map([...perSuite].map(([id, set]) => [id, set.size]))
}

/**
 * Focuses a row, in the tree's state and in the page. The tree moves the page's focus only when
 * its focused row changes, so coming back to the same row (from the filter, after a rename) would
 * otherwise leave the page's focus on the tree box, where the arrow keys start over.
 */
function focusRow(tree: TreeApi<TreeNode>, node: NodeApi<TreeNode>) {
  tree.focus(node)
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`[data-node-id="${CSS.escape(node.id)}"]`)
    if (row && document.activeElement !== row) row.focus({ preventScroll: true })
  })
}

/** The row element: arborist's attributes, minus "expanded" on tests (they cannot expand). */
function Row({ node, attrs, innerRef, children }: RowRendererProps<TreeNode>) {
  const { 'aria-expanded': expanded, style, ...rest } = attrs as typeof attrs & { 'aria-expanded'?: boolean }
  return (
    <div
      {...rest}
      // Rows as wide as the tree, so a long name ends in an ellipsis instead of pushing the result out.
      style={{ ...style, minWidth: undefined, width: '100%' }}
      aria-expanded={node.isInternal ? expanded : undefined}
      ref={innerRef}
      data-node-id={node.id}
      className={`tree-row${node.isSelected ? ' selected' : ''}${node.isFocused ? ' focused' : ''}${node.willReceiveDrop ? ' drop' : ''}`}
      onFocus={(e) => e.stopPropagation()}
      onClick={node.handleClick}
    >
      {children}
    </div>
  )
}

const RESULT_WORDS: Record<string, string> = { passed: 'passed', failed: 'failed', skipped: 'skipped' }

function Node({ node, style, dragHandle, matchCount }: NodeRendererProps<TreeNode> & { matchCount?: number }) {
  const data = node.data
  if (node.isEditing) {
    return (
      <div style={style} className="tree-node">
        <input
          className="rename"
          autoFocus
          aria-label={`Rename ${data.name}`}
          defaultValue={data.name}
          onFocus={(e) => e.currentTarget.select()}
          onBlur={() => node.reset()}
          onKeyDown={(e) => {
            if (e.key === 'Escape') node.reset()
            if (e.key === 'Enter') node.submit(e.currentTarget.value)
          }}
        />
      </div>
    )
  }
  if (data.kind === 'suite') {
    return (
      <div style={style} ref={dragHandle} className="tree-node suite">
        <span className="twisty" aria-hidden="true">
          {node.isOpen ? '▾' : '▸'}
        </span>
        <span className="name">{data.name}</span>{' '}
        <span className="count" title={`${data.count} tests in this suite and below`}>
          {matchCount !== undefined ? `${matchCount} of ${data.count}` : data.count}
          <span className="visually-hidden"> tests</span>
        </span>
      </div>
    )
  }
  const test = data.test
  return (
    <div style={style} ref={dragHandle} className={`tree-node test status-${test.status}`}>
      <span className={`result ${test.last_status ?? 'never'}`} aria-hidden="true" />
      <span className="name">{data.name}</span>{' '}
      {test.status !== 'active' && <span className="badge">{test.status}</span>}{' '}
      <span className="rate" title={test.pass_rate === null ? 'Never ran' : `Last result: ${test.last_status}; ${test.pass_rate}% of the last ${test.executions} executions passed`}>
        {test.last_status ? `${RESULT_WORDS[test.last_status]} · ${Math.round(test.pass_rate ?? 0)}%` : 'never ran'}
      </span>
    </div>
  )
}

function TreeContextMenu({ duplicate }: { duplicate(ids: string[]): Promise<void> }) {
  const store = useAppStore()
  const selection = useApp((s) => s.treeSelection)
  const tree = useApp((s) => s.tree)
  const { suites, tests } = selectedRows({ tree, treeSelection: selection })
  const testIds = [...new Set(tests.map((t) => t.testId))]
  const state = () => store.getState()
  const suiteId = suites[0] ?? tests[0]?.suiteId ?? tree?.root?.id
  return (
    <ContextMenu.Portal>
      <ContextMenu.Content className="menu" aria-label="Tree actions">
        {suiteId && (
          <>
            <ContextMenu.Item className="menu-item" onSelect={() => state().openDialog({ kind: 'create', what: 'test', suiteId })}>
              New test…
            </ContextMenu.Item>
            <ContextMenu.Item className="menu-item" onSelect={() => state().openDialog({ kind: 'create', what: 'suite', suiteId })}>
              New suite…
            </ContextMenu.Item>
          </>
        )}
        {selection.length > 0 && (
          <>
            <ContextMenu.Separator className="menu-separator" />
            <ContextMenu.Item className="menu-item" disabled={!testIds.length} onSelect={() => void duplicate(selection)}>
              Duplicate
            </ContextMenu.Item>
            <ContextMenu.Item className="menu-item" onSelect={() => state().openDialog({ kind: 'move', nodeIds: selection })}>
              Move to…
            </ContextMenu.Item>
            <ContextMenu.Item className="menu-item" disabled={!testIds.length} onSelect={() => state().openDialog({ kind: 'tag', testIds })}>
              Tag…
            </ContextMenu.Item>
            <ContextMenu.Item className="menu-item" disabled={!testIds.length || !tree} onSelect={() => tree && void state().runOp(TreeOps.setTestStatus(state().client, tree, testIds, 'active'))}>
              Activate
            </ContextMenu.Item>
            <ContextMenu.Item className="menu-item" disabled={!testIds.length || !tree} onSelect={() => tree && void state().runOp(TreeOps.setTestStatus(state().client, tree, testIds, 'archived'))}>
              Deactivate
            </ContextMenu.Item>
            <ContextMenu.Separator className="menu-separator" />
            <ContextMenu.Item className="menu-item danger" onSelect={() => state().openDialog({ kind: 'delete', nodeIds: selection })}>
              Delete…
            </ContextMenu.Item>
          </>
        )}
      </ContextMenu.Content>
    </ContextMenu.Portal>
  )
}
