// Work log (工作日志): a unit handler logs a clean-up with a quantity and a photo; a
// half-filled quantity is refused next to the field; the entry is listed after a reload
// and the totals move. An admin sets up a recurring duty and reads its compliance; a
// viewer cannot log work.
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { BASE_URL, api, loginAs, openBrowser, shot, stepper } from '../lib.mjs'

let browser, page, errors
const tag = `e2e${Date.now() % 100000}`
const s = { failed: false, before: null, unit: null, note: `文峰路背街小巷集中清理，记录号 ${tag.slice(3)}`, qty: '清运垃圾杂物' }

before(async () => ({ browser, page, errors } = await openBrowser()))
after(async () => browser?.close())

const step = stepper(s, () => page, '05-')

const shanghaiDay = (offset) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offset * 86400000))
/** The page's default range: the last 30 days (Shanghai). */
const defaultRange = () => ({ from: shanghaiDay(-29), to: shanghaiDay(0) })
const amountOf = (totals, kind, unit) => totals.quantities.find((q) => q.kind === kind && q.unit === unit)?.amount ?? 0

async function photoPath() {
  if (process.env.PHOTO_PATH) {
    assert.ok(existsSync(process.env.PHOTO_PATH), 'PHOTO_PATH exists')
    return process.env.PHOTO_PATH
  }
  const path = join(tmpdir(), 'envgrid-e2e-worklog.jpg')
  await page.screenshot({ path, type: 'jpeg', quality: 80 })
  return path
}

const cardNumber = async (key) => Number((await page.innerText(`[data-test="total-${key}"] .num`)).trim())

step('the unit has earlier entries (through the API), as a street office log would', async () => {
  const session = await loginAs(page, 'unit_handler')
  s.unit = session.user.unit
  assert.ok(s.unit, 'the unit handler belongs to a unit')
  const post = (body) =>
    api(page, '/activities', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify(body),
    })
  const seed = [
    { kind: 'cleanup', date: shanghaiDay(-9), participants: 24, vehicles: 3, funds: 0.8, note: '凤凰路沿线集中清理',
      quantities: [{ kind: '清运垃圾杂物', amount: 6.5, unit: '吨' }, { kind: '清理小广告', amount: 180, unit: '条' }] },
    { kind: 'publicity', date: shanghaiDay(-6), participants: 6, note: '入户宣传门前五包',
      quantities: [{ kind: '发放宣传资料', amount: 300, unit: '个' }] },
    { kind: 'secretary_daily_hour', date: shanghaiDay(-3), participants: 4, note: '书记带队整治背街小巷',
      quantities: [{ kind: '清理卫生死角', amount: 5, unit: '处' }] },
    { kind: 'cleanup', date: shanghaiDay(-2), participants: 15, vehicles: 2, funds: 0.3, note: '老旧小区楼道清理',
      quantities: [{ kind: '清运垃圾杂物', amount: 3, unit: '吨' }, { kind: '粉刷墙面', amount: 120, unit: '㎡' }] },
  ]
  for (const body of seed) assert.equal((await post(body)).status, 201)
})

step('a half-filled quantity is refused next to the field and nothing is saved', async () => {
  const { from, to } = defaultRange()
  s.before = (await api(page, `/activities/totals?from=${from}&to=${to}`)).body
  await page.goto(BASE_URL + '/activities')
  await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test="total-activities"] .num')?.textContent ?? ''))
  assert.equal(await cardNumber('activities'), s.before.activities, 'the card shows the 30-day total')
  assert.equal(await page.locator('.el-tabs__item', { hasText: '常态化落实' }).count(), 0, 'no compliance tab for a unit handler')
  await page.click('[data-test="new-activity"]')
  const dialog = page.locator('.el-dialog[data-test="activity-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="quantity-0"] [data-test="q-amount"] input').fill('2.5')
  await dialog.locator('[data-test="activity-submit"]').click()
  const err = dialog.locator('[data-test="quantity-0"] [data-test="q-error"]').first()
  await err.waitFor()
  assert.match(await err.innerText(), /工作量项目/)
  await shot(page, 'worklog-error')
  const now = (await api(page, `/activities/totals?from=${from}&to=${to}`)).body
  assert.equal(now.activities, s.before.activities, 'nothing was saved')
})

step('the unit handler logs a clean-up with a quantity and a photo', async () => {
  const dialog = page.locator('.el-dialog[data-test="activity-dialog"]')
  await dialog.locator('[data-test="quantity-0"] [data-test="q-kind"]').fill(s.qty)
  await dialog.locator('.el-dialog__title').click() // closes the suggestion list
  await dialog.locator('[data-test="quantity-0"] [data-test="q-unit"]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: /^吨$/ }).click()
  await dialog.locator('[data-test="activity-people"] input').fill('8')
  await dialog.locator('[data-test="activity-vehicles"] input').fill('2')
  await dialog.locator('[data-test="activity-photos"] input[type=file]').setInputFiles(await photoPath())
  await dialog.locator('[data-test="activity-note"]').fill(s.note)
  await dialog.locator('[data-test="activity-submit"]').click()
  await dialog.waitFor({ state: 'hidden' })
  const row = page.locator('[data-test="worklog-table"] .el-table__row', { hasText: s.note })
  await row.waitFor()
  assert.ok((await row.innerText()).includes('2.5吨'), 'the quantity is listed with its unit')
  assert.equal(await row.locator('[data-test="activity-photo"]').count(), 1, 'the photo is listed')
})

step('after a reload the entry is listed and the totals moved', async () => {
  await page.reload()
  const row = page.locator('[data-test="worklog-table"] .el-table__row', { hasText: s.note })
  await row.waitFor()
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-test="total-activities"] .num')?.textContent) === n,
    s.before.activities + 1,
  )
  assert.equal(await cardNumber('participants'), s.before.participants + 8)
  assert.equal(await cardNumber('vehicles'), s.before.vehicles + 2)
  const tile = page.locator(`[data-test="qty-${s.qty}-吨"]`)
  await tile.waitFor()
  const want = Math.round((amountOf(s.before, s.qty, '吨') + 2.5) * 100) / 100
  assert.equal(Number((await tile.locator('.num').innerText()).trim()), want, 'the quantity total moved by 2.5 吨')
  await page.waitForLoadState('networkidle')
  await shot(page, 'worklog')
})

step('an admin sets up a daily duty and sees who is missing which days', async () => {
  const session = await loginAs(page, 'admin')
  const name = '书记每日一小时整治'
  const existing = (await api(page, '/duties')).body.items
  await page.goto(BASE_URL + '/activities?tab=duties')
  await page.waitForSelector('[data-test="compliance-table"]')
  if (!existing.some((d) => d.name === name)) {
    await page.click('[data-test="new-duty"]')
    const dialog = page.locator('.el-dialog[data-test="duty-dialog"]')
    await dialog.waitFor()
    await dialog.locator('[data-test="duty-name"]').fill(name)
    await dialog.locator('[data-test="duty-unit"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: s.unit.name }).first().click()
    const start = dialog.locator('.el-date-editor input').first()
    await start.fill(shanghaiDay(-20))
    await start.press('Enter')
    await dialog.locator('[data-test="duty-submit"]').click()
    await dialog.waitFor({ state: 'hidden' })
  }
  if (!existing.some((d) => d.who === 'village_cadres')) {
    const r = await api(page, '/duties', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify({
        name: '包村干部每周五清理', who: 'village_cadres', activity_kind: 'friday_village_cleanup',
        frequency: 'weekly', weekday: 5, start_date: shanghaiDay(-30),
      }),
    })
    assert.equal(r.status, 201, JSON.stringify(r.body))
  }
  // Log some of the required days, so compliance shows a real mix of done and missing.
  const post = (body) =>
    api(page, '/activities', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token },
      body: JSON.stringify(body),
    })
  const c0 = (await api(page, `/duties/compliance?from=${shanghaiDay(-13)}&to=${shanghaiDay(0)}`)).body
  const daily = c0.items.find((x) => x.duty_name === name && x.who.unit_id === s.unit.id)
  for (const day of (daily?.missing_days ?? []).filter((_, i) => i % 3 !== 0).slice(0, 8)) {
    const r = await post({ kind: 'secretary_daily_hour', date: day, unit_id: s.unit.id, participants: 3, note: '书记带头整治一小时' })
    assert.equal(r.status, 201, JSON.stringify(r.body))
  }
  const cadre = c0.items.find((x) => x.who.cadre_name !== undefined && x.missing_days.length && (x.who.target_unit_id || x.who.unit_id))
  if (cadre) {
    const r = await post({
      kind: 'friday_village_cleanup', date: cadre.missing_days[0], unit_id: cadre.who.target_unit_id || cadre.who.unit_id,
      participants: 6, quantities: [{ kind: '清理卫生死角', amount: 4, unit: '处' }],
    })
    assert.equal(r.status, 201, JSON.stringify(r.body))
  }
  await page.reload()
  const row = page.locator('[data-test="compliance-table"] .el-table__row', { hasText: name }).first()
  await row.waitFor()
  const c = (await api(page, `/duties/compliance?from=${shanghaiDay(-13)}&to=${shanghaiDay(0)}`)).body
  const missing = c.items.reduce((a, x) => a + x.missing_days.length, 0)
  await page.waitForFunction(
    (n) => document.querySelector('[data-test="compliance-missing"]')?.textContent?.trim() === String(n),
    missing,
  )
  const mine = c.items.find((x) => x.duty_name === name && x.who.unit_id === s.unit.id)
  assert.ok(mine, 'the duty binds the unit')
  const unitRow = page.locator('[data-test="compliance-table"] .el-table__row', { hasText: name }).filter({ hasText: s.unit.name })
  assert.ok((await unitRow.innerText()).includes(`${mine.required_days - mine.missing_days.length}/${mine.required_days}`))
  await page.waitForLoadState('networkidle')
  await shot(page, 'duty-compliance')
})

step('a viewer reads the log but cannot log work', async () => {
  await loginAs(page, 'viewer')
  await page.goto(BASE_URL + '/activities')
  await page.locator('[data-test="worklog-table"] .el-table__row', { hasText: s.note }).waitFor()
  assert.equal(await page.locator('[data-test="new-activity"]').count(), 0)
  assert.deepEqual(errors, [], 'no page errors')
})
