// Two things the app needs to edit safely while other processes write the same database:
// - `version` on the rows a tester edits as whole documents (test cases, data sets,
//   environments): raised by every update, so a save can say which version it edited and be
//   refused when someone else (the CLI, another window) wrote in between. Timestamps cannot do
//   this: two writes in one millisecond look alike.
// - `revisions`: one counter per kind of data, raised by triggers on every insert, update and
//   delete whatever process or code path wrote it, so an open window learns that something
//   changed (and what kind) by reading a handful of rows.
import type { Migration } from './types'

/** Kinds of data whose changes an open window follows, with the tables that raise each. */
export const REVISION_TABLES: Record<string, { table: string; onUpdate?: string }[]> = {
  suites: [{ table: 'suites' }, { table: 'suite_test_cases' }],
  tests: [{ table: 'test_cases' }, { table: 'suite_test_cases' }],
  dataSets: [{ table: 'test_data_sets' }],
  environments: [{ table: 'environments' }],
  browsers: [{ table: 'browser_configurations' }],
  scripts: [{ table: 'test_scripts' }],
  projects: [{ table: 'projects' }],
  schedules: [{ table: 'schedules' }, { table: 'schedule_executions' }],
  settings: [{ table: 'settings' }],
  // A finished execution changes a test's last result and pass rate.
  history: [{ table: 'test_execution_history' }],
  // Runs change often while they run: only their creation, deletion and status count here.
  runs: [{ table: 'test_runs', onUpdate: 'status' }],
}

function triggers(): string {
  const out: string[] = []
  for (const [kind, sources] of Object.entries(REVISION_TABLES)) {
    for (const { table, onUpdate } of sources) {
      for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
        const when = event === 'UPDATE' && onUpdate ? `UPDATE OF ${onUpdate}` : event
        out.push(
          `CREATE TRIGGER trg_rev_${kind}_${table}_${event.toLowerCase()} AFTER ${when} ON ${table} BEGIN UPDATE revisions SET revision = revision + 1 WHERE kind = '${kind}'; END;`,
        )
      }
    }
  }
  return out.join('\n')
}

export const versionsAndRevisions: Migration = {
  version: 60,
  name: '0060-versions-and-revisions',
  up(db) {
    db.exec(`
ALTER TABLE test_cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE test_data_sets ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE environments ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE revisions (
  kind TEXT PRIMARY KEY,
  revision INTEGER NOT NULL DEFAULT 0
);
${Object.keys(REVISION_TABLES)
  .map((kind) => `INSERT INTO revisions (kind, revision) VALUES ('${kind}', 0);`)
  .join('\n')}
${triggers()}
`)
  },
}
