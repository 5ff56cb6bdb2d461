// Opens the core for one CLI command and calls it through the contract, so flags are validated
// by the same schemas as the UI's calls.
import { Option } from 'commander'
import type { Api } from '../../shared/api'
import type { InputOf, MethodName, OutputOf } from '../../shared/api/contract'
import { TestDeskError } from '../../shared/api/errors'
import type { Project, TestCase } from '../../shared/model/definition'
import { openCore, type Core, type CoreOptions } from '../core'
import { resolveDataDir } from '../core/paths'
import type { GlobalOptions } from './output'

type Spec<N extends string> = N extends `${infer NS}.${infer M}`
  ? NS extends keyof Api
    ? M extends keyof Api[NS]
      ? Api[NS][M]
      : never
    : never
  : never

/** Opens the core for `work` and closes it after; `services` hands in what the command made for the core (browsers started ahead). */
export async function withCore<T>(options: GlobalOptions, work: (core: Core) => Promise<T>, services: Pick<CoreOptions, 'browsersAhead'> = {}): Promise<T> {
  const core = await openCore({ dataDir: resolveDataDir(options.dataDir), ...services })
  try {
    return await work(core)
  } finally {
    await core.close()
  }
}

export async function invoke<N extends MethodName<Api>>(
  core: Core,
  name: N,
  input: InputOf<Spec<N>> | Record<string, unknown>,
): Promise<OutputOf<Spec<N>>> {
  const envelope = await core.dispatcher.call(name, input, { transport: 'direct' })
  if (!envelope.ok) throw TestDeskError.from(envelope.error)
  return envelope.value as OutputOf<Spec<N>>
}

/** `--project NAME|ID`, the same on every command that reads or writes a project's data. */
export function projectOption(what = 'the project to work in'): Option {
  return new Option('--project <name|id>', `${what} (default: the default project; see \`testdesk projects\`)`)
}

/** The project a command works in: the one `--project` names, else the default project. */
export function projectOf(core: Core, flag: string | undefined): Promise<Project> {
  return flag === undefined ? invoke(core, 'projects.getDefault', {}) : invoke(core, 'projects.find', { ref: flag })
}

/** The project's test with exactly this name, or null; tests.list's search matches parts of names. */
export async function findTestByName(core: Core, name: string, projectId: string): Promise<TestCase | null> {
  for (let offset = 0; ; offset += 100) {
    const page = await invoke(core, 'tests.list', { project_id: projectId, search: name, limit: 100, offset })
    const found = page.items.find((test) => test.name === name)
    if (found) return found
    if (offset + 100 >= page.total) return null
  }
}

/** A value as it would be typed in a shell: quoted when it holds anything but plain characters. */
export function shellWord(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}
