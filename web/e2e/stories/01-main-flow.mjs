// Main story: every demo role signs in; a grid worker reports a problem with a
// photo on the phone page; the dispatcher dispatches it to the demo unit; the
// unit handles it with an after-photo; an inspector verifies it; the ledger
// shows it closed. Steps share one browser context and run in order; after a
// failed step the rest are skipped.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { ARTIFACTS, BASE_URL, DESKTOP, PHONE, api, demoLogins, loginAs, openBrowser, openProblem, pointInFirstGrid, runAction, shot, stepper } from '../lib.mjs'

let browser, context, page, errors
const s = { failed: false, logins: [], problem: null, unit: null, before: null }

before(async () => ({ browser, context, page, errors } = await openBrowser()))
after(async () => browser?.close())

const step = stepper(s, () => page, '')

const hasRole = (role) => s.logins.some((l) => l.role === role)

step('demo logins are listed and every role can sign in', async () => {
  s.logins = await demoLogins(page)
  assert.ok(s.logins.length > 0, 'demo mode lists accounts')
  for (const role of ['grid_worker', 'dispatcher', 'unit_handler', 'inspector'])
    assert.ok(hasRole(role), `a demo ${role} exists`)
  await page.waitForSelector('[data-test^="demo-"]')
  await shot(page, 'login')
  for (const l of s.logins) {
    const session = await loginAs(page, l.role)
    assert.ok(session.user.roles.includes(l.role), `${l.username} has role ${l.role}`)
    assert.ok(session.csrf_token, 'session carries a CSRF token')
    await page.waitForLoadState('networkidle')
    await shot(page, `home-${l.role}`)
    if (l.role === 'unit_handler') s.unit = session.user.unit
  }
  assert.ok(s.unit, 'the demo unit handler belongs to a unit')
})

async function photo(envName, name, target) {
  if (process.env[envName]) {
    assert.ok(existsSync(process.env[envName]), `${envName} exists`)
    return process.env[envName]
  }
  // No photo given: a screenshot of the current page is a real, distinct JPEG.
  const path = join(tmpdir(), `envgrid-e2e-${name}.jpg`)
  await target.screenshot({ path, type: 'jpeg', quality: 80 })
  return path
}

/** This month in Shanghai, YYYY-MM: the handling cohort the story's problem joins. */
const MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date())

async function handlingScore(unitId) {
  const r = await api(page, `/assessment/scores?scheme=handling&period=${MONTH}`)
  assert.equal(r.status, 200, `GET /assessment/scores → ${r.status}`)
  return r.body.items.find((x) => x.unit_id === unitId)
}

step('the handling ranking before the story', async () => {
  await loginAs(page, 'leader')
  s.before = await handlingScore(s.unit.id)
  assert.ok(s.before, 'the demo unit is assessed under the handling scheme')
})

step('grid worker reports a problem with a photo on the phone', async () => {
  await loginAs(page, 'grid_worker')
  const point = await pointInFirstGrid(page)
  await context.setGeolocation({ longitude: point.lng, latitude: point.lat })
  await page.setViewportSize(PHONE)
  await page.goto(BASE_URL + '/m/report')
  const photoPath = await photo('PHOTO_PATH', 'before', page)
  await page.setInputFiles('[data-test="photos"] input[type=file]', photoPath)
  await page.click('[data-test="locate"]')
  await page.waitForFunction(() => /\d+\.\d{6}, \d+\.\d{6}/.test(document.querySelector('[data-test="location-text"]')?.textContent ?? ''))
  await page.click('[data-test="category"]')
  await page.locator('.el-select-dropdown__item:visible').first().click()
  await page.fill('[data-test="address"]', 'e2e 测试地址：将军路与般阳路交叉口')
  await page.fill('[data-test="description"]', 'e2e 自动化测试上报：路边暴露垃圾约两平方米')
  await page.click('[data-test="report-submit"]')
  const msg = await page.locator('.el-message--success').first().innerText()
  const number = /编号\s*(\S+)/.exec(msg)?.[1]
  assert.ok(number, `success message names the problem number: ${msg}`)
  const found = await api(page, `/problems?q=${encodeURIComponent(number)}&limit=5`)
  s.problem = found.body.items.find((p) => p.number === number)
  assert.ok(s.problem, `problem ${number} is listed`)
  s.problem = (await api(page, `/problems/${s.problem.id}`)).body
  assert.ok(s.problem.attachments.some((a) => a.role === 'before'), 'before-photo attached')
  await shot(page, 'report-submitted')
  await page.setViewportSize(DESKTOP)
})

step('dispatcher dispatches it to the demo unit', async () => {
  await loginAs(page, 'dispatcher')
  await openProblem(page, s.problem.id)
  if (await page.locator('[data-test="action-accept"]').count()) await runAction(page, 'accept')
  await page.waitForSelector('[data-test="action-dispatch"]')
  await runAction(page, 'dispatch', {
    comment: '请按时限处置',
    beforeConfirm: async (dialog) => {
      await dialog.locator('[data-test="unit-select"]').click()
      await page.keyboard.type(s.unit.name)
      await page.locator('.el-select-dropdown__item:visible', { hasText: s.unit.name }).first().click()
    },
  })
  const p = (await api(page, `/problems/${s.problem.id}`)).body
  assert.equal(p.state, 'dispatched')
  assert.equal(p.unit.id, s.unit.id)
  assert.ok(p.sla.deadline, 'dispatch starts the clock')
  await shot(page, 'dispatched')
})

step('unit handles it with an after-photo', async () => {
  await loginAs(page, 'unit_handler')
  await openProblem(page, s.problem.id)
  const afterPath = await photo('AFTER_PHOTO_PATH', 'after', page)
  await runAction(page, 'handle', {
    comment: '已清理完毕，现场恢复整洁',
    beforeConfirm: async (dialog) => {
      await dialog.locator('input[type=file]').setInputFiles(afterPath)
      await dialog.locator('[data-test="outcome-kind"]').click()
      await page.locator('.el-select-dropdown__item:visible', { hasText: '劝导' }).first().click()
    },
  })
  const p = (await api(page, `/problems/${s.problem.id}`)).body
  assert.equal(p.state, 'handled')
  assert.ok(p.attachments.some((a) => a.role === 'after'), 'after-photo attached')
  assert.equal(p.outcome?.kind, 'persuade', 'outcome recorded')
  await shot(page, 'handled')
})

step('inspector verifies it', async () => {
  await loginAs(page, 'inspector')
  await openProblem(page, s.problem.id)
  await runAction(page, 'verify_pass', { comment: '现场核查整改到位' })
  const p = (await api(page, `/problems/${s.problem.id}`)).body
  assert.equal(p.state, 'closed')
  const h = (await api(page, `/problems/${s.problem.id}/history`)).body.items
  assert.ok(h.length >= 4, 'history has a row per step')
  assert.ok(h.every((x) => /^[0-9a-f]{64}$/.test(x.hash)), 'every history row is hash-chained')
  await page.waitForSelector('[data-test="history"]')
  await shot(page, 'closed-detail')
})

step('ledger shows it closed', async () => {
  await loginAs(page, 'dispatcher')
  await page.goto(`${BASE_URL}/ledger?state=closed&q=${encodeURIComponent(s.problem.number)}`)
  const row = page.locator('[data-test="ledger-table"] .el-table-v2__row', { hasText: s.problem.number })
  await row.first().waitFor()
  assert.match(await row.first().innerText(), /已结案/)
  await shot(page, 'ledger-closed')
})

step('the ranking moves: the unit is scored on the problem it closed', async () => {
  await loginAs(page, 'leader')
  const after = await handlingScore(s.unit.id)
  const counts = (u) => u.lines.map((l) => `${l.key}:${l.count}`).join(' ')
  assert.ok(after.ranked, 'the unit now has a case this month and is ranked')
  assert.notEqual(counts(after), counts(s.before), 'the closed problem is counted in the unit\'s items')
  await page.goto(`${BASE_URL}/assessment?scheme=handling&period=${MONTH}`)
  const row = page.locator('[data-test="ranking-table"]', { hasText: s.unit.name })
  await row.first().waitFor()
  await shot(page, 'ranking-after-story')
})

test('no uncaught page errors', () => {
  assert.deepEqual(errors, [], `page errors: ${errors.join('; ')}`)
  console.log(`screenshots in ${ARTIFACTS}`)
})
