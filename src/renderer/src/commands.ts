// Every action of the app as a command: the palette lists them, shortcuts call them. Built from
// the current state, so a command that cannot apply now is simply not offered.
import type { StoreApi } from 'zustand/vanilla'
import { STEP_ACTIONS } from '../../shared/steps'
import { route } from './routes'
import { SECTIONS } from './sections'
import type { AppState } from './store'
import { openDataFolder } from './data-folder'
import { exportPlaywrightProject, exportProject } from './project-files'
import { selectedRows } from './tree/selection'
import { setTestStatus } from './tree/tree-ops'
import { undoIn, undoScopeOf } from './undo'
import { focusStepForm, workbench } from './workbench'
import { recordFromStep } from './views/recorder/from-editor'
import { LAST_CHOICE_KEY, readChoice } from './views/runs/run-choice'

export interface Command {
  id: string
  title: string
  group: string
  shortcut?: string
  /** Extra words the palette matches (an action's category, a synonym). */
  keywords?: string
  run(): void
}

export function buildCommands(store: StoreApi<AppState>): Command[] {
  const state = store.getState()
  const client = state.client
  const commands: Command[] = []
  const add = (command: Command) => commands.push(command)

  for (const section of SECTIONS) add({ id: `go:${section.id}`, title: `Go to ${section.label}`, group: 'Go to', run: () => store.getState().navigate(route(section.id)) })

  const { suites, tests } = selectedRows(state)
  const targetSuite = suites[0] ?? tests[0]?.suiteId ?? state.tree?.root?.id
  if (targetSuite) {
    add({ id: 'test:new', title: 'New test', group: 'Tests', shortcut: 'Alt+N', run: () => store.getState().openDialog({ kind: 'create', what: 'test', suiteId: targetSuite }) })
    add({ id: 'suite:new', title: 'New suite', group: 'Tests', shortcut: 'Alt+Shift+N', run: () => store.getState().openDialog({ kind: 'create', what: 'suite', suiteId: targetSuite }) })
  }
  const selection = state.treeSelection
  if (selection.length === 1 && workbench.renameNode) add({ id: 'tree:rename', title: 'Rename selected', group: 'Tests', shortcut: 'F2', run: () => workbench.renameNode?.(selection[0]) })
  if (selection.length) {
    add({ id: 'tree:move', title: 'Move selected to another suite…', group: 'Tests', shortcut: 'Ctrl+M', run: () => store.getState().openDialog({ kind: 'move', nodeIds: selection }) })
    add({ id: 'tree:delete', title: 'Delete selected…', group: 'Tests', shortcut: 'Delete', run: () => store.getState().openDialog({ kind: 'delete', nodeIds: selection }) })
  }
  const testIds = [...new Set(tests.map((t) => t.testId))]
  if (testIds.length && state.tree) {
    const model = state.tree
    add({ id: 'tree:tag', title: 'Tag selected tests…', group: 'Tests', run: () => store.getState().openDialog({ kind: 'tag', testIds }) })
    add({ id: 'tree:activate', title: 'Activate selected tests', group: 'Tests', run: () => void store.getState().runOp(setTestStatus(client, model, testIds, 'active')) })
    add({ id: 'tree:deactivate', title: 'Deactivate selected tests (archive)', group: 'Tests', run: () => void store.getState().runOp(setTestStatus(client, model, testIds, 'archived')) })
  }
  add({ id: 'tree:filter', title: 'Filter the suite tree', group: 'Tests', shortcut: '/', run: () => { store.getState().navigate(route('tests', state.route.section === 'tests' ? state.route.id : null)); setTimeout(() => workbench.focusFilter?.()) } })
  add({ id: 'run:new', title: 'New run…', group: 'Runs', keywords: 'start execute regression', run: () => store.getState().navigate(route('runs', 'new')) })
  if (selection.length) add({ id: 'run:selection', title: 'Run the selection in the tree…', group: 'Runs', run: () => { localStorage.setItem(LAST_CHOICE_KEY, JSON.stringify({ ...readChoice(localStorage.getItem(LAST_CHOICE_KEY), state.settings?.run_defaults ?? null), source: 'tree' })); store.getState().navigate(route('runs', 'new')) } })
  if (workbench.openProjects) {
    const open = workbench.openProjects
    add({ id: 'project:switch', title: 'Switch project…', group: 'Project', keywords: 'projects open rename default delete', run: () => open() })
    add({ id: 'project:new', title: 'New project…', group: 'Project', keywords: 'projects create', run: () => open('new') })
  }
  add({ id: 'project:export', title: 'Export project file', group: 'Project', run: () => void exportProject(store) })
  add({ id: 'project:export-playwright', title: 'Export Playwright project', group: 'Project', keywords: 'playwright test code zip', run: () => void exportPlaywrightProject(store) })
  add({ id: 'project:import', title: 'Import project file…', group: 'Project', run: () => store.getState().openDialog({ kind: 'import' }) })

  if (state.route.section === 'tests' && state.docs.test) {
    for (const action of STEP_ACTIONS) {
      add({ id: `step:add:${action.action}`, title: `Add step: ${action.label}`, group: 'Steps', keywords: `${action.category} ${action.action}`, run: () => { store.getState().addStep(action.action); focusStepForm() } })
    }
    add({ id: 'step:focus', title: 'Go to the steps table', group: 'Steps', run: () => setTimeout(() => workbench.focusSteps?.()) })
    const testId = state.docs.test.id
    const focusedStep = state.focusedStep
    if (focusedStep) add({ id: 'recorder:from-step', title: 'Record from this step', group: 'Steps', keywords: 'recorder record here', run: () => void recordFromStep(store, testId, focusedStep) })
    if (state.focusedStep || state.selectedSteps.length) {
      add({ id: 'step:duplicate', title: 'Duplicate steps', group: 'Steps', shortcut: 'Ctrl+D', run: () => store.getState().duplicateSelectedSteps() })
      add({ id: 'step:disable', title: 'Disable or enable steps', group: 'Steps', shortcut: 'Ctrl+/', run: () => store.getState().toggleSelectedSteps() })
      add({ id: 'step:delete', title: 'Delete steps', group: 'Steps', shortcut: 'Delete', run: () => store.getState().deleteSelectedSteps() })
      add({ id: 'step:up', title: 'Move step up', group: 'Steps', shortcut: 'Alt+↑', run: () => store.getState().moveFocusedStep(-1) })
      add({ id: 'step:down', title: 'Move step down', group: 'Steps', shortcut: 'Alt+↓', run: () => store.getState().moveFocusedStep(1) })
    }
  }

  const scope = undoScopeOf(state, document.activeElement)
  add({ id: 'edit:undo', title: 'Undo', group: 'Edit', shortcut: 'Ctrl+Z', run: () => undoIn(store.getState(), scope) })
  add({ id: 'edit:redo', title: 'Redo', group: 'Edit', shortcut: 'Ctrl+Shift+Z', run: () => undoIn(store.getState(), scope, true) })
  add({ id: 'app:theme', title: `Switch to ${state.theme === 'dark' ? 'light' : 'dark'} theme`, group: 'App', run: () => store.getState().toggleTheme() })
  add({ id: 'app:data-dir', title: 'Open the data folder', group: 'App', run: () => void openDataFolder(store) })
  add({ id: 'app:shortcuts', title: 'Keyboard shortcuts', group: 'App', shortcut: '?', run: () => store.getState().openDialog({ kind: 'shortcuts' }) })
  return commands
}
