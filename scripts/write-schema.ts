// `npm run schema`: writes the JSON Schema of project files, generated from the zod schemas.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PROJECT_SCHEMA_NAME, projectFileJsonSchema } from '../src/main/core/project-files'

const target = join(import.meta.dirname, '..', 'resources', 'schema', PROJECT_SCHEMA_NAME)
writeFileSync(target, JSON.stringify(projectFileJsonSchema(), null, 2) + '\n')
console.log(`Wrote ${target}`)
