// The Tests section: the suite tree beside the open test. Panel sizes are remembered.
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels'
import { useApp } from '../../StoreContext'
import { SuiteTree } from './SuiteTree'
import { TestEditor } from './TestEditor'
import { TreeToolbar } from './TreeToolbar'
import { WorkspaceSummary } from './WorkspaceSummary'

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
        {testId ? <TestEditor key={testId} testId={testId} /> : <WorkspaceSummary />}
      </Panel>
    </Group>
  )
}
