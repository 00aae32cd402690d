#!/usr/bin/env node
// e2e runner: runs e2e/stories/*.mjs one after another with node's test runner
// against BASE_URL (default http://127.0.0.1:8080), Debian's Chromium driven by
// playwright-core. Screenshots go to ../tests/artifacts/e2e/<name>.png.
//   BASE_URL=http://127.0.0.1:8080 PHOTO_PATH=/path/photo.jpg npm run e2e
//   npm run e2e -- main-flow          (only stories whose file name matches)
import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const storiesDir = join(here, 'stories')
const filter = process.argv[2]
const stories = readdirSync(storiesDir)
  .filter((f) => f.endsWith('.mjs') && (!filter || f.includes(filter)))
  .sort()
  .map((f) => join(storiesDir, f))

if (!existsSync(process.env.CHROMIUM || '/usr/bin/chromium')) {
  console.error('找不到 /usr/bin/chromium：请先运行 scripts/install-deps.sh test')
  process.exit(2)
}
if (!stories.length) {
  console.error(`no story matches ${filter ?? '*'} in ${storiesDir}`)
  process.exit(2)
}

const env = { ...process.env, BASE_URL: process.env.BASE_URL || 'http://127.0.0.1:8080' }
console.log(`e2e: ${stories.length} stor${stories.length === 1 ? 'y' : 'ies'} against ${env.BASE_URL}`)
const child = spawn(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', ...stories],
  { stdio: 'inherit', env },
)
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
