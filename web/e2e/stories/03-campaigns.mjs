// Campaigns (专项行动): the dispatcher-side admin creates a campaign from the
// "百日攻坚" notice template, sees it in the list, opens it (phases, burndown),
// registers a work item and reports progress with a photo: the remaining work
// drops on the page. Bad input shows messages next to the fields. A viewer and a
// grid worker see no create button.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { ARTIFACTS, BASE_URL, api, loginAs, openBrowser, pointInFirstGrid, shot, stepper } from '../lib.mjs'

const TEMPLATE = '000_88f065076e95e0f8' // 将政发〔2023〕16号 百日攻坚
const UNIT = '城管执法中队'
const UNIT2 = '孝水村村委会'

let browser, page, errors
const s = { failed: false, campaign: null, session: null }

before(async () => ({ browser, page, errors } = await openBrowser()))
after(async () => browser?.close())

const step = stepper(s, () => page, '03-')

/** Shanghai calendar date `n` days from now. */
function shDate(n = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.now() + n * 86400000))
}

/** Picks options of an Element Plus filterable select by typing each text into its search box. */
async function pickOption(selectLocator, ...texts) {
  await selectLocator.click()
  const input = selectLocator.locator('input').first()
  const filterable = (await input.getAttribute('readonly')) === null
  for (const text of texts) {
    if (filterable) await input.fill(text)
    await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
  }
}

/** The <input> of a form control, whether the data-test attribute sits on it or on its wrapper. */
async function inputOf(locator, tag = 'input') {
  const own = await locator.first().evaluate((e) => e.tagName.toLowerCase())
  return own === tag ? locator.first() : locator.locator(tag).first()
}

async function setDate(locator, value) {
  const input = await inputOf(locator)
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

async function photo() {
  if (process.env.PHOTO_PATH) {
    assert.ok(existsSync(process.env.PHOTO_PATH), 'PHOTO_PATH exists')
    return process.env.PHOTO_PATH
  }
  const path = join(tmpdir(), 'envgrid-e2e-campaign.jpg')
  await page.screenshot({ path, type: 'jpeg', quality: 80 })
  return path
}

const remainingText = () => page.locator('[data-test="bd-remaining"]').first().innerText()

step('admin creates a campaign from the 百日攻坚 template', async () => {
  s.session = await loginAs(page, 'admin')
  await page.goto(BASE_URL + '/campaigns')
  await page.waitForSelector('[data-test="create-from-template"]')
  await page.click('[data-test="create-from-template"]')
  const dialog = page.locator('.el-dialog[data-test="template-dialog"]')
  await dialog.waitFor()
  await dialog.locator(`[data-test="tpl-${TEMPLATE}"]`).click()
  // Started 17 days ago: mobilisation is over and rectification is under way.
  await setDate(dialog.locator('[data-test="tpl-start"]'), shDate(-17))
  await pickOption(dialog.locator('[data-test="tpl-units"]'), UNIT, UNIT2)
  await dialog.locator('.el-dialog__title').click() // close the dropdown
  await dialog.locator('[data-test="tpl-create"]').click()
  await page.waitForURL(/\/campaigns\/\d+$/)
  const id = Number(new URL(page.url()).pathname.split('/').pop())
  s.campaign = (await api(page, `/campaigns/${id}`)).body
  assert.equal(s.campaign.template_id, TEMPLATE)
  assert.equal(s.campaign.start_date, shDate(-17), 'start date as chosen')
  assert.equal(s.campaign.unit_ids.length, 2, 'participating units saved')
  await page.waitForSelector('[data-test="campaign-title"]')
  assert.match(await page.innerText('[data-test="campaign-title"]'), /百日攻坚/)
  assert.match(await page.innerText('[data-test="doc-number"]'), /将政发〔2023〕16号/)
})

step('a problem is tagged to the campaign', async () => {
  // A citizen complaint registered by the dispatcher desk, tagged to the campaign.
  const point = await pointInFirstGrid(page)
  const r = await api(page, '/problems', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.session.csrf_token },
    body: JSON.stringify({
      category_code: '06010', source: 'citizen', lng: point.lng, lat: point.lat,
      address: 'e2e 专项行动：文峰路与孝水路交叉口', description: 'e2e 百日攻坚期间群众反映路边暴露垃圾',
      campaign_id: s.campaign.id,
    }),
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
})

step('the new campaign is listed with its phase and counts', async () => {
  // A second, upcoming campaign (赢春行动, starting in 12 days) for the status filter.
  const r = await api(page, '/campaigns/from-template', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.session.csrf_token },
    body: JSON.stringify({ template: '003_7e8ca09ab14c4204', start_date: shDate(12) }),
  })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  s.upcoming = r.body
  await page.goto(BASE_URL + '/campaigns')
  const card = page.locator(`[data-test="campaign-card-${s.campaign.id}"]`)
  await card.waitFor()
  assert.match(await card.innerText(), /百日攻坚/)
  await card.locator('[data-test="current-phase"]', { hasText: '集中整治' }).waitFor()
  await page.waitForFunction(
    (id) => document.querySelector(`[data-test="campaign-card-${id}"] [data-test="open-count"]`)?.textContent?.trim() === '1',
    s.campaign.id,
  )
  await page.waitForLoadState('networkidle')
  await shot(page, 'campaigns-list')
  // 未开始 shows the upcoming campaign only
  await page.locator('[data-test="status-filter"] label', { hasText: '未开始' }).click()
  await page.locator(`[data-test="campaign-card-${s.upcoming.id}"]`).waitFor()
  assert.equal(await card.count(), 0, 'the running campaign is filtered out')
  await page.locator('[data-test="status-filter"] label', { hasText: '全部' }).click()
  await card.waitFor()
})

step('the detail shows phases, task areas and the burndown chart', async () => {
  await page.locator(`[data-test="campaign-card-${s.campaign.id}"]`).click()
  await page.waitForURL(new RegExp(`/campaigns/${s.campaign.id}$`))
  await page.waitForSelector('[data-test="phase-timeline"] [data-test="phase-2"]')
  assert.equal(await page.locator('[data-test="phase-timeline"] .row').count(), 3, 'three phases')
  assert.equal(await page.locator('[data-test="task-areas"] .area').count(), 5, 'five task areas')
  await page.waitForSelector('[data-test="burndown-chart"] canvas')
  assert.equal((await page.innerText('[data-test="bd-open"]')).trim(), '1', 'open tagged problem counted')
  assert.match(await page.innerText('[data-test="p-open"]'), /1/)
  const ledger = await page.getAttribute('[data-test="view-ledger"]', 'href')
  assert.equal(ledger, `/ledger?campaign_id=${s.campaign.id}`)
})

step('a work item is validated, added, and progress moves the numbers', async () => {
  await page.click('[data-test="add-work-item"]')
  const dlg = page.locator('.el-dialog[data-test="work-item-dialog"]')
  await dlg.waitFor()
  await dlg.locator('[data-test="wi-submit"]').click()
  await dlg.locator('.el-form-item__error').first().waitFor()
  assert.ok((await dlg.locator('.el-form-item__error').count()) >= 3, 'empty fields are marked')
  await (await inputOf(dlg.locator('[data-test="wi-title"]'))).fill('e2e 平交道口硬化')
  await pickOption(dlg.locator('[data-test="wi-area"]'), '路域环境')
  await (await inputOf(dlg.locator('[data-test="wi-target"]'))).fill('200')
  await pickOption(dlg.locator('[data-test="wi-uom"]'), '㎡')
  await pickOption(dlg.locator('[data-test="wi-owner"]'), UNIT)
  await dlg.locator('[data-test="wi-submit"]').click()
  await dlg.waitFor({ state: 'hidden' })
  const row = page.locator('[data-test="work-items-table"] .el-table__row', { hasText: 'e2e 平交道口硬化' })
  await row.waitFor()
  await page.waitForFunction(() => document.querySelector('[data-test="bd-remaining"]')?.textContent?.trim() === '200')
  assert.equal((await remainingText()).trim(), '200', 'burndown shows the full target remaining')

  await row.locator('[data-test="wi-report"]').click()
  const pg = page.locator('.el-dialog[data-test="progress-dialog"]')
  await pg.waitFor()
  await pg.locator('[data-test="pg-submit"]').click()
  await pg.locator('.el-form-item__error', { hasText: '本次完成量' }).waitFor()
  await (await inputOf(pg.locator('[data-test="pg-quantity"]'))).fill('50')
  await (await inputOf(pg.locator('[data-test="pg-note"]'), 'textarea')).fill('e2e 完成北段硬化 50 平方米')
  await pg.locator('input[type=file]').setInputFiles(await photo())
  await pg.locator('[data-test="pg-submit"]').click()
  await pg.waitFor({ state: 'hidden', timeout: 30000 })
  await page.waitForFunction(() => document.querySelector('[data-test="bd-remaining"]')?.textContent?.trim() === '150')
  assert.match(await row.locator('[data-test="wi-done"]').innerText(), /^50$/)
  assert.match(await row.locator('[data-test="wi-progress"]').innerText(), /25%/)
  const items = (await api(page, `/campaigns/${s.campaign.id}/work-items`)).body.items
  assert.equal(items[0].progress[0].attachment_ids.length, 1, 'the photo is attached to the progress report')
})

step('a late work plan is submitted: 缺报 turns into 逾期', async () => {
  const units = (await api(page, '/units')).body.items
  const unit = units.find((u) => u.name === UNIT)
  const plan = s.campaign.deliverables.find((d) => d.kind === 'work_plan')
  assert.ok(unit && plan, 'unit and work plan requirement exist')
  const count = async (st) => Number((await page.innerText(`[data-test="dcount-${st}"]`)).trim())
  const missing = await count('missing')
  const late = await count('late')
  assert.ok(missing >= 1, 'the work plan was due during mobilisation and is missing')
  const cell = page.locator(`[data-test="dcell-${unit.id}-${plan.id}"]`)
  assert.match(await cell.innerText(), /缺报/)
  await cell.click()
  const dlg = page.locator('.el-dialog[data-test="submission-dialog"]')
  await dlg.waitFor()
  await dlg.locator('[data-test="sub-submit"]').click()
  await dlg.locator('.el-form-item__error', { hasText: '请至少选择一个文件' }).waitFor()
  await dlg.locator('input[type=file]').setInputFiles(await photo())
  await (await inputOf(dlg.locator('[data-test="sub-note"]'), 'textarea')).fill('e2e 补报工作方案')
  await dlg.locator('[data-test="sub-submit"]').click()
  await dlg.waitFor({ state: 'hidden', timeout: 30000 })
  await page.waitForFunction(
    (sel) => /逾期/.test(document.querySelector(sel)?.textContent ?? ''),
    `[data-test="dcell-${unit.id}-${plan.id}"]`,
  )
  assert.equal(await count('missing'), missing - 1)
  assert.equal(await count('late'), late + 1)
})

step('the create form marks a missing title next to the field', async () => {
  await page.goto(BASE_URL + '/campaigns')
  await page.click('[data-test="create-campaign"]')
  const form = page.locator('.el-dialog[data-test="campaign-form"]')
  await form.waitFor()
  await form.locator('[data-test="form-submit"]').click()
  await form.locator('.el-form-item__error', { hasText: '请填写行动名称' }).waitFor()
  assert.match(await form.locator('[data-test="form-error"]').innerText(), /请先修正/)
  await form.locator('.el-dialog__headerbtn').click()
})

step('detail screenshot', async () => {
  await page.goto(`${BASE_URL}/campaigns/${s.campaign.id}`)
  await page.waitForSelector('[data-test="burndown-chart"] canvas')
  await page.waitForSelector('[data-test="work-items-table"] .el-table__row')
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(600) // chart animation
  await shot(page, 'campaign-detail')
})

for (const role of ['viewer', 'grid_worker']) {
  step(`${role} sees campaigns but no create or edit buttons`, async () => {
    await loginAs(page, role)
    await page.goto(BASE_URL + '/campaigns')
    await page.locator(`[data-test="campaign-card-${s.campaign.id}"]`).waitFor()
    assert.equal(await page.locator('[data-test="create-from-template"]').count(), 0)
    assert.equal(await page.locator('[data-test="create-campaign"]').count(), 0)
    await page.goto(`${BASE_URL}/campaigns/${s.campaign.id}`)
    await page.waitForSelector('[data-test="work-items-table"] .el-table__row')
    assert.equal(await page.locator('[data-test="edit-campaign"]').count(), 0)
    assert.equal(await page.locator('[data-test="add-work-item"]').count(), 0)
    assert.equal(await page.locator('[data-test="wi-report"]').count(), 0)
  })
}

test('no uncaught page errors', () => {
  assert.deepEqual(errors, [], `page errors: ${errors.join('; ')}`)
  console.log(`screenshots in ${ARTIFACTS}`)
})
