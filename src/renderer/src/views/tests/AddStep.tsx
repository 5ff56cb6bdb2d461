// Adding a step: pick its action from the catalogue (type to narrow), and it is inserted after
// the focused step with its form open.
import { Command } from 'cmdk'
import { useState } from 'react'
import { STEP_ACTIONS, type StepAction } from '../../../../shared/steps'
import { focusStepForm } from '../../workbench'
import { Modal } from '../../components/Modal'
import { useAppStore } from '../../StoreContext'

const CATEGORIES = [...new Set(STEP_ACTIONS.map((a) => a.category))]

export function AddStepButton() {
  const store = useAppStore()
  const [open, setOpen] = useState(false)
  const add = (action: StepAction) => {
    setOpen(false)
    store.getState().addStep(action)
    focusStepForm()
  }
  return (
    <>
      <button type="button" className="primary" data-add-step onClick={() => setOpen(true)} title="Add a step after the selected one (Insert)">
        Add step
      </button>
      {open && (
        <Modal title="Add a step" description="Choose what the step does." onClose={() => setOpen(false)}>
          <Command label="Filter actions" className="picker" loop>
            <Command.Input autoFocus placeholder="Click, fill, checkpoint…" />
            <Command.List>
              <Command.Empty>No action matches.</Command.Empty>
              {CATEGORIES.map((category) => (
                <Command.Group key={category} heading={category}>
                  {STEP_ACTIONS.filter((a) => a.category === category).map((a) => (
                    <Command.Item key={a.action} value={`${a.label} ${a.action}`} onSelect={() => add(a.action)}>
                      <span>{a.label}</span>
                      <span className="muted detail">{a.hint}</span>
                    </Command.Item>
                  ))}
                </Command.Group>
              ))}
            </Command.List>
          </Command>
        </Modal>
      )}
    </>
  )
}
