#!/usr/bin/env node
// Reports the gzip size of the JavaScript a first visit to a route downloads
// (entry + layout + page chunks and all their static imports), from the Vite
// manifest, and checks that the mock API is absent from the production build.
// Usage: node scripts/bundle-size.mjs [distDir] [budgetKB]
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = process.argv[2] || 'dist'
const budget = Number(process.argv[3] || 500) * 1024
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length

function closure(keys) {
  const seen = new Set()
  const walk = (k) => {
    if (seen.has(k) || !manifest[k]) return
    seen.add(k)
    for (const i of manifest[k].imports ?? []) walk(i)
  }
  keys.forEach(walk)
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'))
}

const entry = Object.keys(manifest).find((k) => manifest[k].isEntry)
const routes = {
  login: ['src/views/login/index.vue'],
  dashboard: ['src/layout/DesktopLayout.vue', 'src/views/dashboard/index.vue'],
  ledger: ['src/layout/DesktopLayout.vue', 'src/views/ledger/index.vue'],
  map: ['src/layout/DesktopLayout.vue', 'src/views/map/index.vue'],
  problem: ['src/layout/DesktopLayout.vue', 'src/views/problem/index.vue'],
  'mobile report': ['src/layout/MobileLayout.vue', 'src/views/report/index.vue'],
}

let failed = false
for (const [name, keys] of Object.entries(routes)) {
  const files = closure([entry, ...keys])
  const total = files.reduce((a, f) => a + gz(f), 0)
  const over = name === 'dashboard' && total > budget
  failed ||= over
  console.log(`${name.padEnd(14)} ${(total / 1024).toFixed(1).padStart(7)} KB gzip JS in ${files.length} files${over ? '  OVER BUDGET' : ''}`)
}

const all = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'))
const allGz = all.reduce((a, f) => a + gz(join('assets', f)), 0)
console.log(`${'all JS'.padEnd(14)} ${(allGz / 1024).toFixed(1).padStart(7)} KB gzip in ${all.length} files`)
const mock = all.filter((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes('mock API enabled'))
if (mock.length && !process.env.ALLOW_MOCK) {
  console.log(`mock code found in ${mock.join(', ')}`)
  failed = true
} else console.log(mock.length ? 'mock build (expected)' : 'mock code: absent')
process.exit(failed ? 1 : 0)
