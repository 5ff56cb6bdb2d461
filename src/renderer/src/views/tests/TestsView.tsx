// The Tests section: the suite tree beside the open test. Panel sizes are remembered.
import { lazy, Suspense } from 'react'
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels'
import { useApp } from '../../StoreContext'
import { SuiteTree } from './SuiteTree'
import { TreeToolbar } from './TreeToolbar'
import { WorkspaceSummary } from './WorkspaceSummary'

// The editor (steps table, forms, drag and drop) loads beside the tree, not before it.
const TestEditor = lazy(async () => ({ default: (await import('./TestEditor')).TestEditor }))

export function TestsView() {
  const testId = useApp((s) => s.route.id)
  const layout = useDefaultLayout({ id: 'testdesk.tests', storage: localStorage })
  return (
    <Group orientation="horizontal" className="panels" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
      <Panel id="tree" defaultSize="30" minSize="200px">
        <section className="pane tree-pane" aria-label="Suite tree" data-region>
          <TreeToolbar />
          <SuiteTree />
        </section>
      </Panel>
      <Separator className="separator" aria-label="Resize the suite tree" />
      <Panel id="editor" minSize="360px">
        {testId ? (
          <Suspense fallback={<p className="loading pane">Opening the test…</p>}>
            <TestEditor key={testId} testId={testId} />
          </Suspense>
        ) : (
          <WorkspaceSummary />
        )}
      </Panel>
    </Group>
  )
}
