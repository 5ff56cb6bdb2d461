// Keyboard shortcuts, declared once: the global handler, the palette's hints and the
// "Keyboard shortcuts" dialog all read this list.

export interface Shortcut {
  keys: string
  does: string
  where: 'Anywhere' | 'Suite tree' | 'Steps' | 'Data grid'
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+K', does: 'Command palette: every action and every test by name', where: 'Anywhere' },
  { keys: 'Ctrl+Z', does: 'Undo (in the tree, the test, the data set… that has focus)', where: 'Anywhere' },
  { keys: 'Ctrl+Shift+Z', does: 'Redo (also Ctrl+Y)', where: 'Anywhere' },
  { keys: 'Ctrl+S', does: 'Save now (changes save by themselves as you go)', where: 'Anywhere' },
  { keys: 'F6', does: 'Move focus to the next part of the window (Shift+F6: previous)', where: 'Anywhere' },
  { keys: '/', does: 'Filter the suite tree', where: 'Anywhere' },
  { keys: 'Alt+N', does: 'New test in the selected suite (Alt+Shift+N: new suite)', where: 'Anywhere' },
  { keys: '?', does: 'This list', where: 'Anywhere' },
  { keys: '↑ ↓ ← →', does: 'Move between rows, open and close suites', where: 'Suite tree' },
  { keys: 'Enter', does: 'Open the test', where: 'Suite tree' },
  { keys: 'F2', does: 'Rename', where: 'Suite tree' },
  { keys: 'Shift+↑ ↓, Ctrl+A', does: 'Select several rows', where: 'Suite tree' },
  { keys: 'Alt+↑ ↓', does: 'Move a suite up or down among its siblings', where: 'Suite tree' },
  { keys: 'Ctrl+M', does: 'Move to another suite…', where: 'Suite tree' },
  { keys: 'Ctrl+D', does: 'Duplicate', where: 'Suite tree' },
  { keys: 'Delete', does: 'Delete (says what will be lost; undoable)', where: 'Suite tree' },
  { keys: 'Shift+F10', does: 'Actions of the row', where: 'Suite tree' },
  { keys: '↑ ↓, Home, End', does: 'Move between steps (Shift: select several)', where: 'Steps' },
  { keys: 'Enter', does: 'Edit the step in the form beside the table', where: 'Steps' },
  { keys: 'Insert', does: 'Add a step after this one', where: 'Steps' },
  { keys: 'Alt+↑ ↓', does: 'Move the step up or down', where: 'Steps' },
  { keys: 'Ctrl+D', does: 'Duplicate the steps', where: 'Steps' },
  { keys: 'Ctrl+/', does: 'Disable or enable the steps', where: 'Steps' },
  { keys: 'Delete', does: 'Delete the steps', where: 'Steps' },
  { keys: 'Ctrl+V', does: 'Paste cells copied from a spreadsheet at the focused cell', where: 'Data grid' },
]

/** Whether a key event is typing in a field, where single-key shortcuts must not fire. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT'
}

export function isMod(event: { ctrlKey: boolean; metaKey: boolean }): boolean {
  return event.ctrlKey || event.metaKey
}
