// Handles to parts of the screen that commands need to reach (the tree view to start a rename,
// the filter box to focus), registered by the components while they are mounted.

export interface WorkbenchHandles {
  /** Starts the inline rename of a tree row. */
  renameNode?(nodeId: string): void
  focusTree?(): void
  focusFilter?(): void
  focusSteps?(): void
  /** Selects and reveals a tree row. */
  revealNode?(nodeId: string): void
  /** Opens the project switcher (optionally at its new-project field). */
  openProjects?(focus?: 'new'): void
}

export const workbench: WorkbenchHandles = {}

export function register<K extends keyof WorkbenchHandles>(key: K, handle: NonNullable<WorkbenchHandles[K]>): () => void {
  workbench[key] = handle
  return () => {
    if (workbench[key] === handle) delete workbench[key]
  }
}

/** After a step is added: its form's first field takes the focus, ready for the target or value. */
export function focusStepForm(): void {
  setTimeout(() => document.querySelector<HTMLElement>('#step-form [data-first-field]')?.focus(), 50)
}
