// Inspections (督查检查): an inspector creates a round (a bad form shows the error next to
// the field), scores a unit by the 以克论净 checklist, records a finding with a photo which
// becomes a ledger problem; a viewer sees the round but no create/score/finding buttons.
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { BASE_URL, api, loginAs, openBrowser, pointInFirstGrid, shot, stepper } from '../lib.mjs'

let browser, context, page, errors
const s = { failed: false, round: null, title: `e2e 市级督查反馈 ${Date.now() % 100000}`, problem: null }

before(async () => ({ browser, context, page, errors } = await openBrowser()))
after(async () => browser?.close())

const step = stepper(s, () => page, '04-')

async function photoPath() {
  if (process.env.PHOTO_PATH) {
    assert.ok(existsSync(process.env.PHOTO_PATH), 'PHOTO_PATH exists')
    return process.env.PHOTO_PATH
  }
  const path = join(tmpdir(), 'envgrid-e2e-inspection.jpg')
  await page.screenshot({ path, type: 'jpeg', quality: 80 })
  return path
}

/** Opens an Element Plus select and clicks its first visible option. */
async function pickFirst(selector) {
  await page.click(selector)
  const item = page.locator('.el-select-dropdown__item:visible').first()
  await item.waitFor()
  const text = (await item.locator('span').first().innerText()).trim()
  await item.click()
  return text
}

const shanghaiDay = (offset) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86400000))

step('earlier rounds with unit scores exist (through the API), as in a street office', async () => {
  const session = await loginAs(page, 'inspector')
  const post = async (path, body) => {
    const r = await api(page, path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify(body),
    })
    assert.equal(r.status, 201, `${path}: ${JSON.stringify(r.body)}`)
    return r.body
  }
  const units = (await api(page, '/units')).body.items.slice(0, 5)
  const rounds = [
    { kind: 'weekly', date: shanghaiDay(-14), title: '第一周城区环境卫生督查', note: '主次干道、背街小巷', scores: [92, 85, 78, 88] },
    { kind: 'covert', date: shanghaiDay(-9), title: '夜间暗访：占道经营与店外经营', scores: [70, 64] },
    { kind: 'monthly', date: shanghaiDay(-5), title: '月度检查（月检查、月曝光、月排名）', scores: [95, 90, 82, 76, 89] },
  ]
  for (const r of rounds) {
    const round = await post('/inspections', { kind: r.kind, date: r.date, title: r.title, ...(r.note ? { note: r.note } : {}) })
    for (const [i, score] of r.scores.entries()) await post(`/inspections/${round.id}/scores`, { unit_id: units[i % units.length].id, score })
  }
})

step('inspector creates a round; a missing level is shown next to the field', async () => {
  await page.goto(BASE_URL + '/inspections')
  await page.waitForSelector('[data-test="round-table"]')
  await page.click('[data-test="new-round"]')
  const dialog = page.locator('.el-dialog[data-test="round-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="kind-higher_level"]').click()
  await dialog.locator('[data-test="round-name"]').fill(s.title)
  await dialog.locator('[data-test="round-submit"]').click()
  const err = dialog.locator('.el-form-item__error')
  await err.first().waitFor()
  assert.match(await err.first().innerText(), /层级/, 'the level error is shown next to its field')
  await dialog.locator('[data-test="round-level"] label', { hasText: '市' }).click()
  await dialog.locator('[data-test="round-submit"]').click()
  await page.waitForURL(/\/inspections\/\d+$/)
  s.round = Number(/\/inspections\/(\d+)$/.exec(page.url())[1])
  await page.waitForSelector('[data-test="round-title"]')
  assert.equal((await page.innerText('[data-test="round-title"]')).trim(), s.title)
  const r = await api(page, `/inspections/${s.round}`)
  assert.equal(r.body.kind, 'higher_level')
  assert.equal(r.body.level, '市')
})

step('inspector scores a unit by the 以克论净 checklist', async () => {
  await page.waitForSelector('[data-test="score-panel"]')
  const unit = await pickFirst('[data-test="score-unit"]')
  await page.click('[data-test="site-road_cleaning"]')
  await page.locator('[data-test="score-site"]').fill('文峰路')
  await page.locator('[data-test="item-dust_load"] input').fill('3.5')
  await page.locator('[data-test="item-dust_load"] input').blur()
  await page.locator('[data-test="item-litter"] [data-test="pass"]').click()
  await page.locator('[data-test="item-bins"] [data-test="fail"]').click()
  assert.equal((await page.innerText('[data-test="score-preview"]')).trim(), '66.67', 'two of three items pass')
  await page.click('[data-test="score-submit"]')
  await page.waitForSelector('[data-test="score-table"] [data-test="score-value"]')
  assert.equal((await page.locator('[data-test="score-value"]').first().innerText()).trim(), '66.67')
  assert.equal((await page.innerText('[data-test="stat-units"]')).trim(), '1')
  assert.ok((await page.innerText('[data-test="score-table"]')).includes(unit), 'the unit is in the score table')
})

step('inspector records a finding with a photo; it becomes a ledger problem', async () => {
  const point = await pointInFirstGrid(page)
  await context.setGeolocation({ longitude: point.lng, latitude: point.lat })
  await page.click('[data-test="add-finding"]')
  const dialog = page.locator('.el-dialog[data-test="finding-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="finding-photos"] input[type=file]').setInputFiles(await photoPath())
  await dialog.locator('[data-test="upload-status"]', { hasText: '已上传 1 张' }).waitFor()
  const category = await pickFirst('.el-dialog[data-test="finding-dialog"] [data-test="finding-category"]')
  await dialog.locator('[data-test="finding-address"]').fill('e2e 文峰路与将军路路口')
  await dialog.locator('[data-test="finding-description"]').fill('e2e 市级督查反馈：路边暴露垃圾未清运')
  await dialog.locator('[data-test="use-device-point"]').click()
  await page.waitForFunction(
    () => /\d+\.\d{6}, \d+\.\d{6}/.test(document.querySelector('[data-test="finding-position"]')?.textContent ?? ''),
  )
  await dialog.locator('[data-test="finding-position"]', { hasText: '所在网格' }).waitFor()
  await shot(page, 'inspection-finding-dialog')
  await dialog.locator('[data-test="finding-submit"]').click()
  await dialog.waitFor({ state: 'hidden' })
  const link = page.locator('[data-test="finding-link"]').first()
  await link.waitFor()
  const href = await link.getAttribute('href')
  s.problem = Number(/\/problems\/(\d+)/.exec(href)[1])
  const p = await api(page, `/problems/${s.problem}`)
  assert.equal(p.status, 200)
  assert.equal(p.body.source, 'higher_level', 'the problem carries the round source')
  assert.equal(p.body.category_name, category)
  assert.ok(p.body.attachments.length >= 1, 'the photo is on the problem')
  await page.waitForFunction((n) => document.querySelector('[data-test="finding-link"]')?.textContent?.includes(n), p.body.number)
  assert.equal((await page.innerText('[data-test="stat-findings"]')).trim(), '1')
  await page.waitForLoadState('networkidle')
  await shot(page, 'inspection-detail')
  await link.click()
  await page.waitForSelector('[data-test="problem-number"]')
  assert.ok((await page.innerText('[data-test="problem-number"]')).includes(p.body.number))
})

step('the list shows the round with its unit and finding counts', async () => {
  await page.goto(BASE_URL + '/inspections')
  const row = page.locator('[data-test="round-table"] .el-table__row', { hasText: s.title })
  await row.waitFor()
  await row.locator('[data-test="round-findings"]').waitFor()
  assert.equal((await row.locator('[data-test="round-findings"]').innerText()).trim(), '1')
  assert.equal((await row.locator('[data-test="round-units"]').innerText()).trim(), '1')
  await page.waitForLoadState('networkidle')
  await shot(page, 'inspections-list')
})

step('patrol coverage lists grids not visited and people below 日巡2次', async () => {
  await page.goto(BASE_URL + '/inspections?tab=coverage')
  await page.waitForSelector('[data-test="coverage"]')
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test="coverage-grids"] .kpi-value')?.textContent ?? ''))
  const cov = await api(page, '/patrols/coverage?days=7')
  const shown = (await page.innerText('[data-test="coverage-grids"] .kpi-value')).trim()
  assert.ok(shown.startsWith(String(cov.body.grids_not_visited.length)), `grids not visited ${shown}`)
  await page.waitForLoadState('networkidle')
  await shot(page, 'patrol-coverage')
})

step('a 回头看 round draws closed problems; one is confirmed, one reopened as a rebound', async () => {
  const session = await api(page, '/session')
  const r = await api(page, '/inspections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.body.csrf_token },
    body: JSON.stringify({ kind: 'recheck', date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date()), title: '已结案问题“回头看”复查' }),
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  await page.goto(`${BASE_URL}/inspections/${r.body.id}`)
  await page.waitForSelector('[data-test="recheck-panel"]')
  await page.locator('[data-test="sample-count"] input').fill('4')
  await page.click('[data-test="draw-sample"]')
  const rows = page.locator('[data-test="recheck-table"] .el-table__row')
  await rows.first().waitFor()
  assert.ok((await rows.count()) >= 2, 'at least two closed problems drawn')
  await rows.nth(0).locator('[data-test="recheck-confirm"]').click()
  const box = page.locator('.el-message-box')
  await box.waitFor()
  await box.locator('input').fill('整改效果保持良好')
  await box.locator('.el-button--primary').click()
  await rows.nth(0).locator('.el-tag', { hasText: '已确认保持' }).waitFor()
  await rows.nth(1).locator('[data-test="recheck-reopen"]').click()
  const dialog = page.locator('.el-dialog[data-test="reopen-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="reopen-photos"] input[type=file]').setInputFiles(await photoPath())
  await dialog.locator('[data-test="reopen-upload-status"]', { hasText: '已上传 1 张' }).waitFor()
  await dialog.locator('textarea').fill('垃圾又堆起来了')
  await dialog.locator('[data-test="reopen-submit"]').click()
  await dialog.waitFor({ state: 'hidden' })
  await rows.nth(1).locator('.el-tag', { hasText: '反弹重新立案' }).waitFor()
  const d = (await api(page, `/inspections/${r.body.id}`)).body
  const reopened = d.rechecks.find((x) => x.result === 'reopened')
  assert.ok(reopened?.new_problem_id, 'the rebound is a new problem')
  const p = (await api(page, `/problems/${reopened.new_problem_id}`)).body
  assert.equal(p.state, 'reported')
  await page.waitForLoadState('networkidle')
  await shot(page, 'inspection-recheck')
})

step('a viewer sees the round but no create, score or finding controls', async () => {
  const session = await loginAs(page, 'viewer')
  await page.goto(BASE_URL + '/inspections')
  await page.locator('[data-test="round-table"] .el-table__row', { hasText: s.title }).waitFor()
  assert.equal(await page.locator('[data-test="new-round"]').count(), 0, 'no create button for a viewer')
  await page.goto(`${BASE_URL}/inspections/${s.round}`)
  await page.waitForSelector('[data-test="round-title"]')
  await page.waitForSelector('[data-test="finding-link"]')
  assert.equal(await page.locator('[data-test="add-finding"]').count(), 0)
  assert.equal(await page.locator('[data-test="score-panel"]').count(), 0)
  const denied = await api(page, '/inspections', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
    body: JSON.stringify({ kind: 'weekly', date: '2024-01-01' }),
  })
  assert.equal(denied.status, 403, 'the server refuses a viewer too')
  assert.deepEqual(errors, [], 'no page errors')
})
