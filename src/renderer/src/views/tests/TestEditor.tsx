// One test open for editing: its name and save state, steps (table and form) and properties.
// Every change is an undoable edit of the test document and is saved as you go.
import * as Tabs from '@radix-ui/react-tabs'
import { useEffect, useState } from 'react'
import { Group, Panel, Separator, useDefaultLayout } from 'react-resizable-panels'
import { DocHeader } from '../../components/DocHeader'
import type { TestDoc } from '../../editor/test-doc'
import { useApp, useAppStore } from '../../StoreContext'
import { StepPanel } from './StepPanel'
import { StepsGrid } from './StepsGrid'
import { TestProperties } from './TestProperties'

export function TestEditor({ testId }: { testId: string }) {
  const store = useAppStore()
  const doc = useApp((s) => s.docs.test)
  const loading = useApp((s) => s.docLoading.test)
  const error = useApp((s) => s.docError.test)
  const [tab, setTab] = useState('steps')
  const layout = useDefaultLayout({ id: 'testdesk.steps', storage: localStorage })

  useEffect(() => {
    void store.getState().openDoc('test', testId)
    store.getState().setStepSelection([], null)
  }, [store, testId])

  if (error && doc?.id !== testId) return <p role="alert" className="pane">Could not open the test: {error}</p>
  if (!doc || doc.id !== testId) return <p className="loading pane">{loading ? 'Opening the test…' : ''}</p>
  const present = doc.present as TestDoc

  return (
    <section className="pane editor" aria-label={`Test ${present.name}`} data-undo="test" data-region>
      <DocHeader
        kind="test"
        title={present.name}
        label="Test name"
        onRename={(name) => store.getState().editDoc<TestDoc>('test', (d) => ({ ...d, name }), 'name')}
        describeConflict={(mine: TestDoc, theirs: TestDoc) => describeDifferences(mine, theirs)}
      />
      <Tabs.Root value={tab} onValueChange={setTab} className="tabs">
        <Tabs.List className="tab-list" aria-label="Test parts">
          <Tabs.Trigger value="steps" className="tab">
            Steps ({present.steps.length})
          </Tabs.Trigger>
          <Tabs.Trigger value="properties" className="tab">
            Properties
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="steps" className="tab-panel">
          <Group orientation="horizontal" className="panels" defaultLayout={layout.defaultLayout} onLayoutChanged={layout.onLayoutChanged}>
            <Panel id="steps" defaultSize="62" minSize="320px">
              <StepsGrid />
            </Panel>
            <Separator className="separator" aria-label="Resize the step form" />
            <Panel id="step" minSize="280px">
              <StepPanel />
            </Panel>
          </Group>
        </Tabs.Content>
        <Tabs.Content value="properties" className="tab-panel scroll">
          <TestProperties />
        </Tabs.Content>
      </Tabs.Root>
    </section>
  )
}

/** What differs between my version and theirs, in a line, for the conflict message. */
export function describeDifferences(mine: TestDoc, theirs: TestDoc): string {
  const fields = (Object.keys(mine) as (keyof TestDoc)[]).filter((key) => key !== 'steps' && JSON.stringify(mine[key]) !== JSON.stringify(theirs[key]))
  const parts = fields.map((f) => f.replace(/_/g, ' '))
  if (JSON.stringify(mine.steps) !== JSON.stringify(theirs.steps)) {
    parts.push(mine.steps.length === theirs.steps.length ? 'steps' : `steps (yours: ${mine.steps.length}, theirs: ${theirs.steps.length})`)
  }
  return parts.length ? `Differs in: ${parts.join(', ')}.` : 'Same content.'
}
