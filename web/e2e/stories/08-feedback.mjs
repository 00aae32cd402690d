// 交办清单: the dispatcher imports the city inspection group's feedback list (an XLSX made
// here with openpyxl, as the inspection office sends it). Its description column is headed
// 反映问题, which is not detected: the preview asks for it and the dispatcher picks it. One
// row names a unit that does not exist: the preview names the row and the field and import
// stays disabled. The corrected file is uploaded, imported, and the detail page shows every
// item with its problem number; the unit rectifies one item and the inspector verifies it,
// so the list counts it closed; the answer report (DOCX) downloads. A viewer reads the
// list but cannot import; a grid worker has no menu entry and gets 403.
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { ARTIFACTS, BASE_URL, api, loginAs, openBrowser, shot, stepper } from '../lib.mjs'

let browser, page, errors
const s = { failed: false, session: null, listId: null, items: [] }
const dir = mkdtempSync(join(tmpdir(), 'envgrid-e2e-feedback-'))
const run = Date.now().toString(36).slice(-4)
const TITLE = `市城乡环境大整治第三督查组反馈问题清单（第${run}期）`

before(async () => ({ browser, page, errors } = await openBrowser()))
after(async () => browser?.close())

const step = stepper(s, () => page, '08-')

/** Shanghai calendar date `n` days from now. */
function shDate(n = 0) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.now() + n * 86400000))
}

/** An XLSX with a title row above the header (openpyxl), or the same rows as CSV without it. */
function sheet(name, title, header, rows) {
  const xlsx = join(dir, `${name}.xlsx`)
  const script = `
import json, sys, openpyxl
from openpyxl.styles import Font, Alignment
spec = json.load(sys.stdin)
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "反馈问题清单"
ws.append([spec["title"]])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(spec["header"]))
ws["A1"].font = Font(bold=True, size=14)
ws["A1"].alignment = Alignment(horizontal="center")
ws.append(spec["header"])
for r in spec["rows"]:
    ws.append(r)
wb.save(spec["path"])
`
  for (const python of [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean)) {
    try {
      execFileSync(python, ['-c', script], { input: JSON.stringify({ title, header, rows, path: xlsx }), stdio: ['pipe', 'ignore', 'ignore'] })
      return xlsx
    } catch {
      // no openpyxl with this interpreter: try the next, else write CSV
    }
  }
  {
    const csv = join(dir, `${name}.csv`)
    const q = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))
    writeFileSync(csv, [[title], header, ...rows].map((r) => r.map(q).join(',')).join('\n') + '\n')
    return csv
  }
}

/** Centres of the first `n` grid polygons: points known to be inside a grid. */
async function gridPoints(n) {
  const r = await api(page, '/grids.geojson')
  return r.body.features
    .filter((f) => f.geometry && /Polygon/.test(f.geometry.type))
    .slice(0, n)
    .map((f) => {
      const ring = (f.geometry.type === 'Polygon' ? f.geometry.coordinates[0] : f.geometry.coordinates[0][0]).slice(0, -1)
      const lng = ring.reduce((a, p) => a + p[0], 0) / ring.length
      const lat = ring.reduce((a, p) => a + p[1], 0) / ring.length
      return [Number(lng.toFixed(6)), Number(lat.toFixed(6))]
    })
}

async function pickOption(selectLocator, text) {
  await selectLocator.click()
  await selectLocator.locator('input').first().fill(text)
  await page.locator('.el-select-dropdown__item:visible', { hasText: text }).first().click()
}

async function setDate(locator, value) {
  const own = await locator.first().evaluate((e) => e.tagName.toLowerCase())
  const input = own === 'input' ? locator.first() : locator.locator('input').first()
  await input.click()
  await input.fill(value)
  await input.press('Enter')
}

/** The after-photo: AFTER_PHOTO_PATH / PHOTO_PATH as the e2e run provides, else a page capture. */
async function afterPhoto() {
  const path = process.env.AFTER_PHOTO_PATH || process.env.PHOTO_PATH
  if (path && existsSync(path)) return readFileSync(path)
  return page.screenshot({ type: 'jpeg', quality: 80 })
}

/** POST /problems/{id}/actions as the signed-in user. */
async function act(session, problem, body) {
  return page.evaluate(
    async ({ id, body, token }) => {
      const res = await fetch(`/api/v1/problems/${id}/actions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
        body: JSON.stringify(body),
        credentials: 'same-origin',
      })
      return { status: res.status, body: await res.json() }
    },
    { id: problem.id, body: { ...body, version: problem.version }, token: session.csrf_token },
  )
}

const HEADER = ['序号', '反映问题', '具体位置', '问题类别', '经度', '纬度', '责任单位', '整改时限']
let rowsBad, rowsGood, units

step('the dispatcher opens 交办清单 and starts an import', async () => {
  s.session = await loginAs(page, 'dispatcher')
  const all = (await api(page, '/units')).body.items.filter((u) => !u.disabled)
  const byName = (n) => all.find((u) => u.name === n)?.name
  units = { cg: byName('城管执法中队') ?? all[0].name, hw: byName('环卫所') ?? all[1].name }
  const pts = await gridPoints(8)
  const p = (i) => pts[(i * 3 + 1) % pts.length]
  rowsGood = [
    ['1', '将军路与文峰路交叉口西南角绿化带内积存生活垃圾，无人清理', '将军路与文峰路交叉口西南角', '暴露垃圾', ...p(0), units.hw, shDate(7)],
    ['2', '孝水河北岸护坡堆放建筑垃圾约 3 立方米', '孝水河北岸（凤凰桥东 50 米）', '06L07', ...p(1), units.cg, shDate(10)],
    ['3', '凤凰社区 3 号楼东侧墙面乱涂乱画、小广告', '凤凰社区 3 号楼东侧', '乱涂乱画', ...p(2), units.cg, shDate(10)],
    ['4', '文峰路菜市场南门占道经营，影响通行', '文峰路菜市场南门', '占道经营', ...p(3), units.cg, shDate(7)],
  ]
  rowsBad = rowsGood.map((r) => [...r])
  rowsBad[2][6] = '城管中队' // a unit name that does not exist
  await page.goto(BASE_URL + '/feedback-lists')
  await page.locator('.side-menu').getByText('交办清单').waitFor()
  await page.click('[data-test="fb-import"]')
  await page.locator('.el-dialog[data-test="fb-import-dialog"]').waitFor()
})

step('the preview asks for the description column, then names the bad row; import stays disabled', async () => {
  const dialog = page.locator('.el-dialog[data-test="fb-import-dialog"]')
  const bad = sheet('清单-有误', TITLE, HEADER, rowsBad)
  await dialog.locator('[data-test="fb-file"] input[type="file"]').setInputFiles(bad)
  await dialog.locator('[data-test="fb-file-name"]').waitFor()
  // Next without a title: the form says so next to the field, nothing is sent.
  await dialog.locator('[data-test="fb-next"]').click()
  await dialog.locator('.el-form-item__error', { hasText: '请填写清单名称' }).waitFor()
  await dialog.locator('.el-form-item__error', { hasText: '督查层级' }).waitFor()
  await dialog.locator('[data-test="fb-title"] input, input[data-test="fb-title"]').first().fill(TITLE)
  await dialog.locator('[data-test="fb-doc"] input, input[data-test="fb-doc"]').first().fill(`市环整办〔2026〕${run}号`)
  await dialog.locator('[data-test="fb-body"] input, input[data-test="fb-body"]').first().fill('市城乡环境大整治办公室')
  await dialog.locator('[data-test="fb-level-市"]').click()
  await setDate(dialog.locator('[data-test="fb-due"]'), shDate(15))
  await dialog.locator('.el-dialog__title').click()
  // The errors go once the fields are filled.
  await page.waitForFunction(() => !document.querySelector('[data-test="fb-import-dialog"] .el-form-item__error'))
  await page.mouse.move(0, 0)
  await shot(page, 'feedback-import')
  await dialog.locator('[data-test="fb-next"]').click()

  // 反映问题 is not a header the server knows: it asks, the picker offers the file's headers.
  await dialog.locator('[data-test="fb-map-error-description"]').waitFor()
  assert.match(await dialog.locator('[data-test="fb-map-error-description"]').innerText(), /问题描述/)
  await pickOption(dialog.locator('[data-test="fb-map-description"]'), '反映问题')

  await dialog.locator('[data-test="fb-some-bad"]').waitFor()
  assert.match(await dialog.locator('[data-test="fb-some-bad"]').innerText(), /有 1 行有误/)
  assert.match(await dialog.locator('[data-test="fb-error-count"]').innerText(), /有误 1 行/)
  assert.match(await dialog.locator('[data-test="fb-ok-count"]').innerText(), /可导入 3 行/)
  // Row 5 of the sheet (title row, header row, then items 1..3) is the bad one.
  const issues = await dialog.locator('[data-test="fb-issues-5"]').innerText()
  assert.match(issues, /责任单位/)
  assert.match(issues, /城管中队/)
  assert.equal(await dialog.locator('.bad-row').count(), 1, 'one highlighted row')
  assert.ok(await dialog.locator('[data-test="fb-commit"]').isDisabled(), 'import disabled while a row is bad')
  // The detected header row and columns are shown.
  assert.match(await dialog.locator('[data-test="fb-header-row"]').innerText(), /第 2 行/)
  assert.match(await dialog.locator('[data-test="fb-map-unit"]').innerText(), /责任单位/)
  await page.mouse.move(0, 0)
  await shot(page, 'feedback-preview')
  // Nothing was stored by the checks.
  const lists = (await api(page, '/feedback-lists')).body.items
  assert.ok(!lists.some((l) => l.title === TITLE), 'no list stored by the preview')
})

step('the corrected file passes and is imported; the detail opens', async () => {
  const dialog = page.locator('.el-dialog[data-test="fb-import-dialog"]')
  const good = sheet('清单-已改', TITLE, HEADER, rowsGood)
  await dialog.locator('[data-test="fb-file-change"] input[type="file"]').setInputFiles(good)
  await dialog.locator('[data-test="fb-all-good"]').waitFor()
  assert.match(await dialog.locator('[data-test="fb-ok-count"]').innerText(), /可导入 4 行/)
  assert.equal(await dialog.locator('.bad-row').count(), 0)
  const commit = dialog.locator('[data-test="fb-commit"]')
  assert.ok(await commit.isEnabled(), 'import enabled once every row is fine')
  assert.match(await commit.innerText(), /确认导入 4 项/)
  await commit.click()
  await page.waitForURL(/\/feedback-lists\/\d+$/)
  await page.locator('.el-message--success', { hasText: '已导入' }).waitFor()
  s.listId = Number(new URL(page.url()).pathname.split('/').pop())
})

step('the detail lists every item with its problem number, state and unit', async () => {
  await page.reload()
  await page.waitForSelector('[data-test="fb-title"]')
  assert.equal((await page.innerText('[data-test="fb-title"]')).trim(), TITLE)
  assert.match(await page.innerText('[data-test="fb-doc"]'), new RegExp(`市环整办〔2026〕${run}号`))
  const detail = (await api(page, `/feedback-lists/${s.listId}`)).body
  assert.equal(detail.items.length, 4)
  assert.equal(detail.source_level, '市')
  assert.equal(detail.due_on, shDate(15))
  assert.equal((await page.innerText('[data-test="fb-count-items"]')).trim(), '4')
  assert.equal(await page.locator('[data-test="fb-items"] tbody tr').count(), 4)
  for (const it of detail.items) {
    assert.ok(it.problem_id, 'every item became a problem')
    const link = page.locator(`[data-test="fb-item-number-${it.row}"]`)
    assert.equal((await link.innerText()).trim(), it.number)
    assert.equal(await link.getAttribute('href'), `/problems/${it.problem_id}`)
    assert.equal(it.state, 'dispatched', 'a unit was named: dispatched at once')
  }
  const table = await page.innerText('[data-test="fb-items"]')
  assert.match(table, /孝水河北岸护坡堆放建筑垃圾/)
  assert.match(table, /处置中/)
  assert.ok(table.includes(units.cg) && table.includes(units.hw), 'unit names shown')
  s.items = detail.items
})

step('the unit rectifies one item, the inspector verifies it: the list shows it closed', async () => {
  const handler = await loginAs(page, 'unit_handler')
  const it = s.items.find((i) => i.unit_id === handler.user.unit?.id)
  assert.ok(it, "one of the items is the unit handler's unit's")
  let p = (await api(page, `/problems/${it.problem_id}`)).body
  const photo = await afterPhoto()
  const att = await page.evaluate(
    async ({ b64, token }) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
      const f = new FormData()
      f.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'after.jpg')
      const res = await fetch('/api/v1/attachments', { method: 'POST', body: f, headers: { 'X-CSRF-Token': token }, credentials: 'same-origin' })
      return { status: res.status, body: await res.json() }
    },
    { b64: photo.toString('base64'), token: handler.csrf_token },
  )
  assert.equal(att.status, 201, JSON.stringify(att.body))
  let r = await act(handler, p, { action: 'handle', attachment_ids: [att.body.id], comment: '组织人员清运，已清理完毕', outcome: { kind: 'clear', quantity: 1.5 } })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  const inspector = await loginAs(page, 'inspector')
  p = (await api(page, `/problems/${it.problem_id}`)).body
  r = await act(inspector, p, { action: 'verify_pass', comment: '现场核查整改到位' })
  assert.equal(r.status, 200, JSON.stringify(r.body))
  s.session = await loginAs(page, 'dispatcher')
  await page.goto(`${BASE_URL}/feedback-lists/${s.listId}`)
  await page.waitForSelector('[data-test="fb-title"]')
  assert.equal((await page.innerText('[data-test="fb-count-closed"]')).trim(), '1')
  assert.match(await page.innerText('[data-test="fb-rate"]'), /25/)
  const row = page.locator('[data-test="fb-items"] tbody tr', { has: page.locator(`[data-test="fb-item-number-${it.row}"]`) })
  assert.match(await row.innerText(), /已结案/)
  assert.match(await row.innerText(), new RegExp(shDate(0)), 'closed date shown')
  await page.waitForLoadState('networkidle')
  await page.mouse.move(0, 0)
  await shot(page, 'feedback-detail')
})

step('the answer report downloads as DOCX', async () => {
  const r = await page.evaluate(async (id) => {
    const res = await fetch(`/api/v1/reports/feedback-answer.docx?list=${id}`, { credentials: 'same-origin' })
    const buf = new Uint8Array(await res.arrayBuffer())
    return { status: res.status, type: res.headers.get('content-type'), size: buf.length, magic: String.fromCharCode(buf[0], buf[1]) }
  }, s.listId)
  assert.equal(r.status, 200)
  assert.match(r.type, /wordprocessingml/)
  assert.equal(r.magic, 'PK')
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click('[data-test="fb-answer"]')])
  assert.match(download.suggestedFilename(), /\.docx$/)
  const saved = join(ARTIFACTS, 'feedback-answer.docx')
  await download.saveAs(saved)
  assert.equal(readFileSync(saved).subarray(0, 2).toString(), 'PK')
  await page.locator('.el-message--success', { hasText: '整改情况报告已下载' }).waitFor()
})

step('the list shows the new list with its progress', async () => {
  // A 12345 hotline list (CSV, places given by grid name or code) received three weeks ago.
  const grids = (await api(page, '/grids')).body.items
  const g = grids[grids.length - 1]
  const csv = `编号,问题描述,位置,问题类别,所属网格,责任单位,整改时限\n1,小区门口垃圾箱满溢，异味大,${g.name} 东门,垃圾箱满溢破损,${g.name},${units.hw},${shDate(3)}\n2,路边非机动车乱停放,${g.name} 南侧,非机动车乱停放,${g.code},${units.cg},${shDate(3)}\n`
  const r = await page.evaluate(
    async ({ csv, meta, token }) => {
      const f = new FormData()
      f.append('file', new Blob([csv], { type: 'text/csv' }), '12345转办.csv')
      f.append('meta', JSON.stringify(meta))
      const res = await fetch('/api/v1/feedback-lists', { method: 'POST', body: f, headers: { 'X-CSRF-Token': token }, credentials: 'same-origin' })
      return { status: res.status, body: await res.json() }
    },
    {
      csv,
      meta: { title: `12345 热线转办清单（第${run}批）`, issuing_body: '区 12345 政务服务便民热线', source: 'citizen', received_on: shDate(-21), due_on: shDate(-1) },
      token: s.session.csrf_token,
    },
  )
  assert.equal(r.status, 201, JSON.stringify(r.body))
  const hotline = r.body.id
  await page.goto(BASE_URL + '/feedback-lists')
  const link = page.locator(`[data-test="fb-list-${s.listId}"]`)
  await link.waitFor()
  assert.equal((await link.innerText()).trim(), TITLE)
  assert.match(await page.innerText(`[data-test="fb-progress-${s.listId}"]`), /1\s*\/\s*4/)
  await page.locator(`[data-test="fb-list-${hotline}"]`).waitFor()
  assert.match(await page.innerText(`[data-test="fb-progress-${hotline}"]`), /0\s*\/\s*2/)
  const row = page.locator('[data-test="fb-lists"] tbody tr', { has: link })
  const rowText = await row.innerText()
  assert.match(rowText, /市级督查/)
  assert.match(rowText, /市城乡环境大整治办公室/)
  assert.match(rowText, new RegExp(shDate(0)))
  await page.waitForLoadState('networkidle')
  await page.mouse.move(0, 0)
  await shot(page, 'feedback-list')
})

step('a viewer reads the lists but cannot import', async () => {
  await loginAs(page, 'viewer')
  await page.goto(BASE_URL + '/feedback-lists')
  await page.locator(`[data-test="fb-list-${s.listId}"]`).waitFor()
  assert.equal(await page.locator('[data-test="fb-import"]').count(), 0, 'no import button for a viewer')
})

step('a grid worker has no 交办清单 menu entry and the page is refused', async () => {
  const gw = await loginAs(page, 'grid_worker')
  assert.equal(gw.user.username, 'grid1')
  await page.goto(BASE_URL + '/map')
  const menu = page.locator('.side-menu')
  await menu.getByText('一张图').waitFor()
  assert.ok(!(await menu.innerText()).includes('交办清单'), 'no menu entry for a grid worker')
  await page.goto(`${BASE_URL}/feedback-lists/${s.listId}`)
  await page.waitForURL(/\/403$/)
  assert.equal(errors.length, 0, `page errors: ${errors.join('; ')}`)
})
