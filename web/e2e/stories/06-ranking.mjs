// 考核排名: an admin opens the monthly ranking of the demo month with data, reads ranks
// and scores, opens the explanation of one unit, adds a manual entry (a bad value first)
// and sees the score move, downloads the 月通报 and the 工作汇报 as Word documents and
// freezes an old month; a leader records an interview (约谈) but has no 定榜 button;
// a grid worker is told the page is not for them.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { BASE_URL, api, loginAs, openBrowser, shot, stepper } from '../lib.mjs'

let browser, page, errors
const s = { failed: false, period: null, ranking: null, unit: null, entry: null }

before(async () => ({ browser, page, errors } = await openBrowser()))
after(async () => browser?.close())

const step = stepper(s, () => page, 'ranking-')

const month = (d) => new Date(d.getTime() + 8 * 3600e3).toISOString().slice(0, 7)
const scores = async (scheme, period) => {
  const r = await api(page, `/assessment/scores?scheme=${scheme}&period=${period}`)
  assert.equal(r.status, 200, `GET scores ${scheme} ${period} → ${r.status}`)
  return r.body
}
const num = (text) => Number(String(text).trim())

step('admin sees the ranking of the demo month with ranks and scores', async () => {
  await loginAs(page, 'admin')
  // The demo ledger covers the last 30 days: take whichever of this and last month lost more points.
  const now = new Date()
  const candidates = [month(new Date(now.getTime() - 30 * 86400e3)), month(now)]
  let best = null
  for (const p of [...new Set(candidates)]) {
    const r = await scores('territorial', p)
    const lost = r.items.reduce((a, u) => a + (u.score === null ? 0 : 100 - u.score), 0)
    if (!best || lost > best.lost) best = { period: p, lost, r }
  }
  s.period = best.period
  s.ranking = best.r
  const ranked = s.ranking.items.filter((u) => u.ranked)
  assert.ok(ranked.length >= 2, `at least two ranked units in ${s.period}`)

  await page.goto(`${BASE_URL}/assessment?scheme=territorial&period=${s.period}`)
  const rows = page.locator('[data-test="ranking-table"] .el-table__body-wrapper tr.el-table__row')
  await rows.first().waitFor()
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-test="ranking-table"] [data-test="rank-cell"]').length === n,
    ranked.length,
  )
  const ranks = (await page.locator('[data-test="ranking-table"] [data-test="rank-cell"]').allInnerTexts()).map(num)
  const shown = (await page.locator('[data-test="ranking-table"] [data-test="score-cell"]').allInnerTexts()).map(num)
  assert.deepEqual(ranks, ranked.map((u) => u.rank), 'ranks as the server computed them (ties share a rank)')
  assert.deepEqual(shown, ranked.map((u) => u.score), 'scores as the server computed them')
  for (let i = 1; i < shown.length; i++) assert.ok(shown[i] <= shown[i - 1], 'best first')
  assert.ok(ranks.every((r) => Number.isInteger(r) && r >= 1), 'every rank is a positive number')
  const kpis = await page.locator('[data-test="rank-kpis"]').innerText()
  assert.match(kpis, /参评单位/)
  assert.match(await page.locator('[data-test="freeze-banner"]').innerText(), /实时计算结果|已于/)
  assert.ok(await page.locator('[data-test="exposure"]').innerText(), 'exposure list shown')
  await page.locator('[data-test="score-chart"] canvas').first().waitFor()
  // One unit's breakdown, expanded in place.
  await rows.first().locator('.el-table__expand-icon').click()
  await page.locator('[data-test="breakdown"]').first().waitFor()
  await page.waitForTimeout(400)
  await shot(page, 'ranking')
  await rows.first().locator('.el-table__expand-icon').click()
})

step('the explanation lists the problems behind the points', async () => {
  // The unit that lost the most points has problems behind them.
  const ranked = s.ranking.items.filter((u) => u.ranked)
  s.unit = ranked[ranked.length - 1]
  await page.click(`[data-test="explain-${s.unit.unit_id}"]`)
  const drawer = page.locator('.el-drawer').filter({ has: page.locator('[data-test="explain-unit"]') })
  await drawer.waitFor()
  assert.equal((await drawer.locator('[data-test="explain-unit"]').innerText()).trim(), s.unit.unit_name)
  await drawer.locator('[data-test="explain-lines"]').waitFor()
  assert.equal(num(await drawer.locator('[data-test="explain-score"]').innerText()), s.unit.score)
  const link = drawer.locator('[data-test="explain-problem"]').first()
  await link.waitFor()
  assert.match(await link.getAttribute('href'), /^\/problems\/\d+$/, 'problems link to their page')
  const ex = await api(page, `/assessment/scores/${s.unit.unit_id}/explain?scheme=territorial&period=${s.period}`)
  assert.ok(ex.body.problems.length > 0, 'the server lists problems behind the deductions')
  await page.waitForTimeout(300)
  await shot(page, 'ranking-explain')
  await page.keyboard.press('Escape')
  await drawer.waitFor({ state: 'hidden' })
})

step('a manual entry is validated, saved and moves the score', async () => {
  const scheme = (await api(page, '/assessment/schemes/territorial')).body
  const items = scheme.items.filter((i) => i.source === 'entries')
  const existing = (await api(page, `/assessment/entries?scheme=territorial&period=${s.period}`)).body.items
  const ranked = s.ranking.items.filter((u) => u.ranked)
  // An (item, unit) pair without entries yet, so the item goes from full marks to the entry.
  let pick = null
  for (const it of items)
    for (const u of ranked)
      if (!pick && it.max >= 4 && !existing.some((e) => e.unit_id === u.unit_id && e.item === it.key)) pick = { it, u }
  assert.ok(pick, 'a unit and an item without entries')
  const before = (await scores('territorial', s.period)).items.find((u) => u.unit_id === pick.u.unit_id)
  const points = pick.it.max - 3
  s.entry = { unit: pick.u, item: pick.it, points, note: `e2e 材料报送迟交（${Date.now()}）` }

  await page.click('[data-test="rank-tabs"] #tab-entries')
  await page.locator('[data-test="entry-add"]').click()
  const dialog = page.locator('.el-dialog[data-test="entry-dialog"]')
  await dialog.waitFor()
  // Nothing filled: every required field says what is missing.
  await dialog.locator('[data-test="entry-submit"]').click()
  await dialog.locator('.el-form-item__error', { hasText: '请选择单位' }).waitFor()
  await dialog.locator('.el-form-item__error', { hasText: '请选择考评项目' }).waitFor()
  await dialog.locator('[data-test="entry-unit"]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: pick.u.unit_name }).first().click()
  await dialog.locator('[data-test="entry-item"]').click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: pick.it.name }).first().click()
  // Over the item's maximum: refused next to the field.
  await dialog.locator('[data-test="entry-points"] input').fill(String(pick.it.max + 40))
  await dialog.locator('[data-test="entry-submit"]').click()
  const err = dialog.locator('.el-form-item__error', { hasText: '分值应在' })
  await err.waitFor()
  assert.match(await err.innerText(), new RegExp(`0 到 ${pick.it.max}`))
  await shot(page, 'ranking-entry-error')
  await dialog.locator('[data-test="entry-points"] input').fill(String(points))
  await dialog.locator('textarea[data-test="entry-note"]').fill(s.entry.note)
  await dialog.locator('[data-test="entry-submit"]').click()
  await dialog.waitFor({ state: 'hidden' })
  const msg = await page.locator('.el-message--success', { hasText: '已录入' }).first().innerText()
  const expected = Math.round((before.score - 3) * 100) / 100
  assert.match(msg, new RegExp(`${pick.u.unit_name}\\s*${before.score}\\s*→\\s*${expected}`), `message shows the move: ${msg}`)
  const now = (await scores('territorial', s.period)).items.find((u) => u.unit_id === pick.u.unit_id)
  assert.equal(now.score, expected, 'the server scores the entry')
  // Still there after a reload, and the ranking shows the new score.
  await page.reload()
  await page.locator('[data-test="entries-table"] .el-table__row', { hasText: s.entry.note }).waitFor()
  await page.waitForFunction(() => !document.querySelector('[data-test="entries-panel"] .el-loading-mask'))
  await shot(page, 'ranking-entries')
  await page.click('[data-test="rank-tabs"] #tab-ranking')
  const row = page.locator('[data-test="ranking-table"] tr.el-table__row', { hasText: pick.u.unit_name })
  await page.waitForFunction(
    ({ name, score }) =>
      [...document.querySelectorAll('[data-test="ranking-table"] tr.el-table__row')].some(
        (tr) => tr.textContent.includes(name) && tr.querySelector('[data-test="score-cell"]')?.textContent.trim() === String(score),
      ),
    { name: pick.u.unit_name, score: expected },
  )
  assert.ok(await row.count(), 'unit row shown')
})

step('the monthly bulletin and the work report download as Word documents', async () => {
  const r = await page.evaluate(async (period) => {
    const res = await fetch(`/api/v1/reports/bulletin.docx?period=${period}`, { credentials: 'same-origin' })
    const b = new Uint8Array(await res.arrayBuffer())
    return { status: res.status, type: res.headers.get('content-type'), magic: String.fromCharCode(b[0], b[1]) }
  }, s.period)
  assert.equal(r.status, 200)
  assert.match(r.type, /wordprocessingml/)
  assert.equal(r.magic, 'PK')

  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    page.click('[data-test="download-bulletin"]'),
  ])
  assert.match(download.suggestedFilename(), /\.docx$/)
  const file = await download.path()
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK', 'the bulletin is a zip (docx)')
  await page.locator('.el-message--success', { hasText: '已下载' }).first().waitFor()

  await page.click('[data-test="download-work-report"]')
  const dialog = page.locator('.el-dialog[data-test="work-report-dialog"]')
  await dialog.waitFor()
  const [report] = await Promise.all([
    page.waitForEvent('download', { timeout: 60000 }),
    dialog.locator('[data-test="work-report-generate"]').click(),
  ])
  assert.match(report.suggestedFilename(), /\.docx$/)
  assert.equal(readFileSync(await report.path()).subarray(0, 2).toString(), 'PK', 'the work report is a docx')
  await dialog.waitFor({ state: 'hidden' })
})

step('admin freezes an old month and the page shows it frozen', async () => {
  const old = `${Number(s.period.slice(0, 4)) - 1}-01`
  await page.goto(`${BASE_URL}/assessment?scheme=handling&period=${old}`)
  await page.locator('[data-test="freeze-banner"]').waitFor()
  const already = (await scores('handling', old)).frozen
  if (!already) {
    await page.click('[data-test="freeze"]')
    const box = page.locator('.el-message-box')
    await box.waitFor()
    assert.match(await box.innerText(), /定榜后/)
    await box.locator('.el-button--primary').click()
    await page.locator('.el-message--success', { hasText: '已定榜' }).first().waitFor()
  }
  await page.locator('[data-test="freeze-banner"]', { hasText: '定榜' }).waitFor()
  assert.equal(await page.locator('[data-test="freeze"]').count(), 0, 'a frozen month cannot be frozen again')
  assert.equal((await scores('handling', old)).frozen, true)
})

step('a leader records an interview but cannot freeze', async () => {
  await loginAs(page, 'leader')
  await page.goto(`${BASE_URL}/assessment?scheme=territorial&period=${s.period}&tab=accountability`)
  await page.locator('[data-test="acc-panel"]').waitFor()
  await page.locator('[data-test="rank-tabs"]').waitFor()
  assert.equal(await page.locator('[data-test="freeze"]').count(), 0, 'no 定榜 button for a leader')
  await page.click('[data-test="acc-add"]')
  const dialog = page.locator('.el-dialog[data-test="acc-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="acc-submit"]').click()
  await dialog.locator('.el-form-item__error', { hasText: '请填写事由' }).waitFor()
  await dialog.locator('[data-test="acc-unit"]').click()
  await page.keyboard.type(s.unit.unit_name)
  await page.locator('.el-select-dropdown__item:visible', { hasText: s.unit.unit_name }).first().click()
  await dialog.locator('[data-test="acc-kind"] label', { hasText: '约谈' }).click()
  const reason = `e2e 上级督查问题整改不力（${Date.now()}）`
  await dialog.locator('textarea[data-test="acc-reason"]').fill(reason)
  await dialog.locator('[data-test="acc-submit"]').click()
  await dialog.waitFor({ state: 'hidden' })
  await page.reload()
  await page.locator('[data-test="acc-table"] .el-table__row', { hasText: reason }).waitFor()
  const row = await page.locator('[data-test="acc-table"] .el-table__row', { hasText: reason }).innerText()
  assert.match(row, /约谈/)
  await page.waitForFunction(() => !document.querySelector('[data-test="acc-panel"] .el-loading-mask'))
  await shot(page, 'ranking-accountability')
  await page.click('[data-test="rank-tabs"] #tab-people')
  await page.locator('[data-test="people-table"] .el-table__row').first().waitFor()
})

step('a grid worker is told the ranking is not for them', async () => {
  await loginAs(page, 'grid_worker')
  await page.goto(`${BASE_URL}/assessment`)
  // The route is for assessment readers only: the guard shows the 403 page, and the menu has no entry.
  await page.locator('.el-result__title', { hasText: '403' }).waitFor()
  await shot(page, 'ranking-denied')
  assert.equal(await page.locator('.side-menu .el-menu-item', { hasText: '考核排名' }).count(), 0)
  assert.equal(await page.locator('[data-test="freeze"]').count(), 0)
  assert.equal(await page.locator('[data-test="ranking-table"]').count(), 0)
  const r = await api(page, `/assessment/scores?scheme=territorial&period=${s.period}`)
  assert.equal(r.status, 403, 'the server refuses too')
})

test('no uncaught page errors', () => {
  assert.deepEqual(errors, [], `page errors: ${errors.join('; ')}`)
})
