// The app's sections, in sidebar order. A section is a route prefix and a view; the running
// half of the app (runs, schedules) plugs in here with its own views.
import { lazy, type ComponentType, type LazyExoticComponent } from 'react'
import type { SectionId } from './routes'
import { TestsView } from './views/tests/TestsView'

export interface SectionDef {
  id: SectionId
  label: string
  group: 'Work' | 'Library' | 'App'
  view: ComponentType | LazyExoticComponent<ComponentType>
}

const named = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }))

export const SECTIONS: readonly SectionDef[] = [
  { id: 'tests', label: 'Tests', group: 'Work', view: TestsView },
  { id: 'recorder', label: 'Recorder', group: 'Work', view: named(() => import('./views/recorder/RecorderView'), 'RecorderView') },
  { id: 'runs', label: 'Runs', group: 'Work', view: named(() => import('./views/runs/RunsView'), 'RunsView') },
  { id: 'schedules', label: 'Schedules', group: 'Work', view: named(() => import('./views/schedules/SchedulesView'), 'SchedulesView') },
  { id: 'data-sets', label: 'Data sets', group: 'Library', view: named(() => import('./views/library/DataSetsView'), 'DataSetsView') },
  { id: 'environments', label: 'Environments', group: 'Library', view: named(() => import('./views/library/EnvironmentsView'), 'EnvironmentsView') },
  { id: 'browsers', label: 'Browsers', group: 'Library', view: named(() => import('./views/library/BrowsersView'), 'BrowsersView') },
  { id: 'settings', label: 'Settings', group: 'App', view: named(() => import('./views/SettingsView'), 'SettingsView') },
]

export function sectionOf(id: SectionId): SectionDef {
  return SECTIONS.find((s) => s.id === id)!
}
