// Run presets: a run builder's choices saved under a name, one name once per project.
import { TestDeskError } from '../../shared/api/errors'
import type { RunPreset, RunPresetConfig } from '../../shared/api/run-presets'
import type { Deleted } from '../../shared/model/common'
import type { StoreBase } from './base'
import { newId, nowIso } from './table'

interface PresetRow extends Omit<RunPreset, 'config'> {
  config: string
}

const toPreset = (row: PresetRow): RunPreset => ({ ...row, config: JSON.parse(row.config) as RunPresetConfig })

export class RunPresetsRepo {
  constructor(private readonly s: StoreBase) {}

  list(projectId: string | undefined): RunPreset[] {
    const project = this.s.projectOrDefault(projectId)
    return (this.s.statements.get('SELECT * FROM run_presets WHERE project_id = ? ORDER BY name COLLATE NOCASE, name').all(project) as PresetRow[]).map(toPreset)
  }

  save(projectId: string | undefined, name: string, config: RunPresetConfig): RunPreset {
    return this.s.tx(() => {
      const project = this.s.projectOrDefault(projectId)
      const now = nowIso()
      this.s.statements
        .get(
          `INSERT INTO run_presets (id, project_id, name, config, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (project_id, name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`,
        )
        .run(newId(), project, name, JSON.stringify(config), now, now)
      return toPreset(this.s.statements.get('SELECT * FROM run_presets WHERE project_id = ? AND name = ?').get(project, name) as PresetRow)
    })
  }

  delete(id: string): Deleted {
    const { changes } = this.s.statements.get('DELETE FROM run_presets WHERE id = ?').run(id)
    if (!changes) throw TestDeskError.notFound('Run preset', id)
    return { id, deleted: true }
  }
}
