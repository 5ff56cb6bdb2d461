#!/usr/bin/env node
// The `testdesk` command runs straight from the TypeScript sources through tsx, so a fresh
// clone works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/main/cli/main.ts')
