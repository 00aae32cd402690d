// Helpers for the e2e stories: one Chromium (Debian's), screenshots, sign-in.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/$/, '')
export const ARTIFACTS = process.env.ARTIFACTS || process.env.E2E_ARTIFACTS || join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'artifacts', 'e2e')
mkdirSync(ARTIFACTS, { recursive: true })

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const DESKTOP = { width: 1920, height: 1080 }
export const PHONE = { width: 375, height: 812 }

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
}

/** A context that grants geolocation (set per step with context.setGeolocation). */
export async function newContext(browser) {
  const context = await browser.newContext({
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    permissions: ['geolocation'],
    geolocation: { longitude: 117.967, latitude: 36.643 },
  })
  context.setDefaultTimeout(Number(process.env.E2E_TIMEOUT || 15000))
  return context
}

/** Collects page errors so a story can assert the page ran clean. */
export function watchErrors(page) {
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

export async function shot(page, name) {
  const path = join(ARTIFACTS, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** Same-origin API call from inside the page (uses the session cookie). */
export async function api(page, path, init = {}) {
  return page.evaluate(
    async ({ path, init }) => {
      const r = await fetch('/api/v1' + path, { credentials: 'same-origin', ...init })
      const text = await r.text()
      return { status: r.status, body: text ? JSON.parse(text) : null }
    },
    { path, init },
  )
}

export async function demoLogins(page) {
  await page.goto(BASE_URL + '/login')
  const r = await api(page, '/demo/logins')
  if (r.status !== 200) throw new Error(`GET /demo/logins → ${r.status}: the server must run in demo mode`)
  return Array.isArray(r.body) ? r.body : r.body.items
}

/** Signs out (if signed in) and signs in by clicking the role's demo chip. */
export async function loginAs(page, role) {
  await page.goto(BASE_URL + '/login')
  await api(page, '/session', { method: 'DELETE' }).catch(() => undefined)
  await page.goto(BASE_URL + '/login')
  await page.click(`[data-test="demo-${role}"]`)
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  const s = await api(page, '/session')
  if (s.status !== 200) throw new Error(`GET /session after login as ${role} → ${s.status}`)
  return s.body
}

/** Opens a problem's page and returns its state label as shown. */
export async function openProblem(page, id) {
  await page.goto(`${BASE_URL}/problems/${id}`)
  await page.waitForSelector('[data-test="problem-number"]')
}

/** Clicks an action button, fills the comment, confirms, and waits for the dialog to close. */
export async function runAction(page, action, { comment, beforeConfirm } = {}) {
  await page.click(`[data-test="action-${action}"]`)
  const dialog = page.locator(`.el-dialog[data-test="action-dialog-${action}"]`)
  await dialog.waitFor()
  if (beforeConfirm) await beforeConfirm(dialog)
  if (comment) await dialog.locator('[data-test="action-comment"]').fill(comment)
  await dialog.locator('[data-test="action-submit"]').click()
  await dialog.waitFor({ state: 'hidden' })
}

/** Centre of the first polygon in grids.geojson: a point known to be inside a grid. */
export async function pointInFirstGrid(page) {
  const r = await api(page, '/grids.geojson')
  const f = r.body.features.find((x) => x.geometry && /Polygon/.test(x.geometry.type))
  if (!f) throw new Error('grids.geojson has no polygon')
  const ring = f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]
  const pts = ring.slice(0, -1)
  const lng = pts.reduce((a, p) => a + p[0], 0) / pts.length
  const lat = pts.reduce((a, p) => a + p[1], 0) / pts.length
  return { lng, lat, grid: f.properties }
}

/** Chromium with one desktop page whose uncaught errors are collected: a story's before(). */
export async function openBrowser() {
  const browser = await launch()
  const context = await newContext(browser)
  const page = await context.newPage()
  return { browser, context, page, errors: watchErrors(page) }
}

/**
 * A story's steps: each is a test, skipped once an earlier step failed (the failure already
 * fails the run); a failing step leaves FAILED-<tag>-<name>.png. `state.failed` is shared.
 */
export function stepper(state, getPage, tag) {
  return (name, fn) =>
    test(name, async (t) => {
      if (state.failed) return t.skip('an earlier step failed')
      try {
        await fn(t)
      } catch (e) {
        state.failed = true
        await shot(getPage(), `FAILED-${tag}${name.replace(/[^\w-]+/g, '_')}`).catch(() => undefined)
        throw e
      }
    })
}
