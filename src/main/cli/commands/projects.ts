// `testdesk projects`: the projects of a data folder, listed, created, renamed, made the default
// or deleted (after confirmation), all through the contract's `projects` namespace, as the app's
// project switcher does.
import type { Command } from 'commander'
import { createInterface } from 'node:readline'
import type { ProjectSummary } from '../../../shared/model/definition'
import { table } from '../format'
import { CliExit, createOutput, EXIT, usageError, type GlobalOptions } from '../output'
import { invoke, shellWord, withCore } from '../session'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

export function registerProjects(program: Command): void {
  const projects = program
    .command('projects')
    .description('List the projects of this data folder, or create, rename, delete one or choose the default (see `projects --help`)')

  projects
    .command('list', { isDefault: true })
    .description('List the projects with their tests, suites and runs; * marks the default project')
    .action(async (_opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const page = await withCore(globals, (core) => invoke(core, 'projects.list', {}))
      out.result(page)
      out.line(
        table(
          page.items.map((p) => [p.is_default ? '*' : '', p.name, String(p.test_count), String(p.suite_count), String(p.run_count), p.id]),
          ['', 'NAME', 'TESTS', 'SUITES', 'RUNS', 'ID'],
        ),
      )
      out.line(`${plural(page.total, 'project')}; * is the default, used by every command given no --project`)
    })

  projects
    .command('create')
    .description('Create an empty project')
    .argument('<name>', 'its name (unique in this data folder)')
    .option('--description <text>', 'what the project is for')
    .option('--default', 'make it the default project too')
    .action(async (name: string, opts: { description?: string; default?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const project = await withCore(globals, async (core) => {
        const created = await invoke(core, 'projects.create', { name, description: opts.description })
        return opts.default ? invoke(core, 'projects.setDefault', { id: created.id }) : created
      })
      out.result(project)
      out.line(`Created project '${project.name}' (${project.id})${project.is_default ? ', now the default project' : ''}.`)
      if (!project.is_default) out.line(`Work in it with --project ${shellWord(project.name)}, or make it the default: testdesk projects default ${shellWord(project.name)}`)
    })

  projects
    .command('rename')
    .description('Rename a project')
    .argument('<project>', 'the project: its name or id')
    .argument('<new-name>', 'its new name')
    .action(async (ref: string, name: string, _opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const { before, project } = await withCore(globals, async (core) => {
        const before = await invoke(core, 'projects.find', { ref })
        return { before, project: await invoke(core, 'projects.update', { id: before.id, name }) }
      })
      out.result(project)
      out.line(`Renamed project '${before.name}' to '${project.name}'.`)
    })

  projects
    .command('default')
    .description('Show the default project, or make another one the default')
    .argument('[project]', 'the project to make the default: its name or id')
    .action(async (ref: string | undefined, _opts, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const project = await withCore(globals, async (core) => {
        if (ref === undefined) return invoke(core, 'projects.getDefault', {})
        return invoke(core, 'projects.setDefault', { id: (await invoke(core, 'projects.find', { ref })).id })
      })
      out.result(project)
      out.line(ref === undefined ? `The default project is '${project.name}' (${project.id}).` : `'${project.name}' is now the default project.`)
    })

  projects
    .command('delete')
    .description('Delete a project with everything in it (tests, suites, runs and their results); asks first')
    .argument('<project>', 'the project: its name or id')
    .option('-y, --yes', 'do not ask (for scripts)')
    .action(async (ref: string, opts: { yes?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>()
      const out = createOutput(!!globals.json)
      const deleted = await withCore(globals, async (core) => {
        const found = await invoke(core, 'projects.find', { ref })
        const project = (await invoke(core, 'projects.list', {})).items.find((p) => p.id === found.id)!
        if (!opts.yes) await confirmDeletion(project)
        await invoke(core, 'projects.delete', { id: project.id })
        return project
      })
      out.result({ id: deleted.id, name: deleted.name, deleted: true })
      out.line(`Deleted project '${deleted.name}' (${contents(deleted)}).`)
    })

  for (const command of projects.commands) command.exitOverride()
}

function contents(p: ProjectSummary): string {
  return `${plural(p.test_count, 'test')}, ${plural(p.suite_count, 'suite')}, ${plural(p.run_count, 'run')}`
}

/** Asks for the project's name on standard input; anything else (or no input at all) keeps it. */
async function confirmDeletion(project: ProjectSummary): Promise<void> {
  if (project.is_default) return // the core refuses it with its own message: no need to ask
  const question =
    `Delete project '${project.name}' with ${contents(project)}? This cannot be undone.\n` + `Type the project's name to delete it: `
  const answer = await ask(question)
  if (answer === null) {
    throw usageError(`Not deleted: deleting project '${project.name}' (${contents(project)}) needs confirmation. Type its name when asked, or add --yes`)
  }
  if (answer.trim() !== project.name) throw new CliExit(EXIT.usage, `Not deleted: '${answer.trim()}' is not '${project.name}'`)
}

/** One line from standard input after a prompt on stderr (stdout stays for --json); null at end of input. */
function ask(question: string): Promise<string | null> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true })
  return new Promise((resolve) => {
    let answered = false
    rl.once('close', () => {
      if (answered) return
      process.stderr.write('\n') // end the prompt's line before the message that follows
      resolve(null)
    })
    rl.question(question, (answer) => {
      answered = true
      resolve(answer)
      rl.close()
    })
  })
}
