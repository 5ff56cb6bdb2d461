#!/usr/bin/env node
// Type-checks the three TypeScript projects (main and preload, renderer, shared) side by side.
// Each `tsc` is single-threaded, so on a machine with two or more cores running them together
// takes about as long as the largest one instead of the sum. Output of each project is printed
// whole once it finishes, so errors of different projects never interleave.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc')
const projects = [
  ['tsconfig.node.json', '--composite', 'false'],
  ['tsconfig.web.json', '--composite', 'false'],
  ['tsconfig.shared.json'],
]

const results = await Promise.all(
  projects.map(
    ([project, ...extra]) =>
      new Promise((resolve) => {
        const started = Date.now()
        const child = spawn(process.execPath, [tsc, '--noEmit', '-p', project, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] })
        let output = ''
        child.stdout.on('data', (chunk) => (output += chunk))
        child.stderr.on('data', (chunk) => (output += chunk))
        child.on('error', (error) => resolve({ project, code: 1, output: String(error), seconds: 0 }))
        child.on('close', (code) => resolve({ project, code: code ?? 1, output, seconds: (Date.now() - started) / 1000 }))
      }),
  ),
)

let failed = 0
for (const { project, code, output, seconds } of results) {
  if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`)
  console.log(`${code === 0 ? '✓' : '✗'} ${project} (${seconds.toFixed(1)} s)`)
  if (code !== 0) failed++
}
process.exit(failed ? 1 : 0)
