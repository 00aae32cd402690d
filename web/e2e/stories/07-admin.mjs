// Admin console: an admin creates an account with a role and a unit and that person
// signs in (fresh browser) to the role's menu; a category time limit is edited and is
// still there after a reload; an edit the server refuses shows its message and changes
// nothing; an import with a bad row is previewed with the row named and nothing is
// imported; a non-admin has no admin menu and /admin is 403; the notification bell and
// page work against the server's notifications endpoint. Every change this story makes
// to shared data (the time limit, the account) is undone at the end.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, api, demoLogins, launch, loginAs, newContext, shot, watchErrors } from '../lib.mjs'

let browser, context, page, errors
const s = { user: null, password: 'E2e-pass-2026', category: null, originalDoc: null }
const failed = new Set()

before(async () => {
  browser = await launch()
  context = await newContext(browser)
  page = await context.newPage()
  errors = watchErrors(page)
})
after(async () => {
  // Put back what this story changed, whatever happened above.
  try {
    await loginAs(page, 'admin')
    const csrf = (await api(page, '/session')).body.csrf_token
    const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }
    if (s.originalDoc)
      await api(page, '/categories', { method: 'PUT', headers, body: JSON.stringify(s.originalDoc) })
    if (s.user)
      await api(page, `/users/${s.user.id}`, { method: 'PATCH', headers, body: JSON.stringify({ disabled: true }) })
  } finally {
    await browser?.close()
  }
})

/** A named step; `needs` lists earlier steps whose failure makes this one meaningless. */
function step(name, fn, needs = []) {
  test(name, async (t) => {
    const missing = needs.filter((n) => failed.has(n))
    if (missing.length) return t.skip(`needs the failed step: ${missing.join(', ')}`)
    try {
      await fn(t)
    } catch (e) {
      failed.add(name)
      await shot(page, `FAILED-07-${name.replace(/[^\w-]+/g, '_')}`).catch(() => undefined)
      throw e
    }
  })
}

/** Signs in by username through the API (the session cookie), then reloads the app. */
async function signIn(p, username, password) {
  await p.goto(BASE_URL + '/login')
  await api(p, '/session', { method: 'DELETE' }).catch(() => undefined)
  const r = await api(p, '/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  assert.equal(r.status, 200, `sign in as ${username} → ${r.status}`)
}

async function openTab(tab) {
  await page.goto(`${BASE_URL}/admin?tab=${tab}`)
  await page.waitForLoadState('networkidle')
}

const successMessage = async () => (await page.locator('.el-message--success').last().innerText()).trim()

const CREATE = 'admin creates an account with a role and a unit'
step(CREATE, async () => {
  await loginAs(page, 'admin')
  const units = (await api(page, '/units?limit=5000')).body.items
  const unit = units.find((u) => u.code === 'ZHZX') ?? units[0]
  await openTab('users')
  const before = (await api(page, '/users')).body.items.length
  const username = `e2e_sys_${Date.now().toString(36)}`

  // An empty form is refused locally, with the message next to the field.
  await page.click('[data-test="user-create"]')
  const dialog = page.locator('.el-dialog[data-test="user-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="user-save"]').click()
  await dialog.getByText('至少选择一个角色').waitFor()
  await dialog.getByText('用户名至少 2 个字符').waitFor()

  await dialog.locator('input[data-test="user-username"]').fill(username)
  await dialog.locator('input[data-test="user-display-name"]').fill('测试派遣员')
  await dialog.locator('input[data-test="user-password"]').fill(s.password)
  await dialog.locator('[data-test="role-dispatcher"]').click()
  await dialog.locator('[data-test="user-unit"]').click()
  await page.keyboard.type(unit.name)
  await page.locator('.el-select-dropdown__item:visible', { hasText: unit.name }).first().click()
  await dialog.locator('[data-test="user-save"]').click()
  await dialog.waitFor({ state: 'hidden' })
  assert.match(await successMessage(), /测试派遣员/)

  const users = (await api(page, '/users')).body.items
  s.user = users.find((u) => u.username === username)
  assert.ok(s.user, 'the account is listed by the API')
  assert.deepEqual(s.user.roles, ['dispatcher'])
  assert.equal(s.user.unit_id, unit.id)
  assert.equal(users.length, before + 1)

  // The list shows it, and still does after a reload.
  await page.reload()
  await page.waitForLoadState('networkidle')
  const row = page.locator('[data-test="user-table"] .el-table__row', { hasText: username })
  await row.waitFor()
  assert.match(await row.innerText(), /受理派遣员/)
  assert.match(await row.innerText(), new RegExp(unit.name))
  await shot(page, 'admin-users')
})

step('the new account signs in and sees the dispatcher menu, not the admin menu', async () => {
  const fresh = await newContext(browser)
  const p = await fresh.newPage()
  const pageErrors = watchErrors(p)
  try {
    await p.goto(BASE_URL + '/login')
    await p.fill('input[name="username"]', s.user.username)
    await p.fill('input[name="password"]', s.password)
    await p.click('[data-test="login-submit"]')
    await p.waitForURL((u) => !u.pathname.startsWith('/login'))
    const menu = p.locator('.side-menu')
    await menu.getByText('问题台账').waitFor()
    const text = await menu.innerText()
    for (const item of ['工作台', '一张图', '问题台账', '待办']) assert.ok(text.includes(item), `menu has ${item}`)
    assert.ok(!text.includes('系统管理'), 'no admin menu for a dispatcher')
    assert.match(await p.locator('[data-test="user-menu"]').innerText(), /测试派遣员[\s\S]*受理派遣员/)
    assert.deepEqual(pageErrors, [])
  } finally {
    await fresh.close()
  }
}, [CREATE])

const EDIT = 'a category time limit is edited and kept after a reload'
step(EDIT, async () => {
  await loginAs(page, 'admin')
  const doc = (await api(page, '/categories')).body.document
  s.originalDoc = doc
  const cat = doc.categories.find((c) => c.code === '06036') ?? doc.categories[0]
  s.category = cat
  const next = cat.limit.hours + 3
  await openTab('categories')
  await page.fill('input[data-test="cat-search"]', cat.code)
  await page.click(`[data-test="cat-edit-${cat.code}"]`)
  const input = page.locator(`[data-test="cat-hours-${cat.code}"] input`)
  await input.waitFor()

  // A bad value is caught before anything is sent.
  await input.fill('-2')
  await input.press('Tab')
  await page.click('[data-test="cat-validate"]')
  await page.locator(`[data-test="cat-hours-error-${cat.code}"]`).getByText('应大于 0 小时').waitFor()

  await input.fill(String(next))
  await input.press('Tab')
  await page.locator('[data-test="cat-dirty"]').waitFor()
  await page.click('[data-test="cat-save"]')
  assert.match(await successMessage(), /已保存/)

  await page.reload()
  await page.waitForLoadState('networkidle')
  await page.fill('input[data-test="cat-search"]', cat.code)
  const shown = await page.locator(`[data-test="cat-limit-${cat.code}"]`).innerText()
  assert.match(shown, new RegExp(`^${next} 工作小时|^${next} 自然小时`), `the table shows ${next} hours: ${shown}`)
  const items = (await api(page, '/categories')).body.items
  assert.equal(items.find((c) => c.code === cat.code).limit.hours, next, 'the API serves the new limit')
})

step('removing a category in use shows the server error and nothing changes', async () => {
  await loginAs(page, 'admin')
  const used = (await api(page, '/problems?limit=1')).body.items[0]
  assert.ok(used, 'the demo has problems')
  const code = used.category_code
  const before = (await api(page, '/categories')).body
  await openTab('categories')
  await page.fill('input[data-test="cat-search"]', code)
  await page.click(`[data-test="cat-delete-${code}"]`)
  await page.locator('[data-test="cat-dirty"]').getByText('删除 1 项').waitFor()
  await page.fill('input[data-test="cat-search"]', '')
  await page.click('[data-test="cat-save"]')
  const alert = page.locator('[data-test="cat-errors"]')
  await alert.waitFor()
  const text = await alert.innerText()
  assert.match(text, new RegExp(`类别 ${code} 已有问题使用，不能删除`), text)
  await shot(page, 'admin-categories')

  await page.reload()
  await page.waitForLoadState('networkidle')
  await page.fill('input[data-test="cat-search"]', code)
  await page.locator(`[data-test="cat-limit-${code}"]`).waitFor()
  assert.deepEqual((await api(page, '/categories')).body, before, 'the category list is unchanged')
}, [EDIT])

step('an import with bad rows is previewed with the rows named and nothing is imported', async () => {
  await loginAs(page, 'admin')
  const before = (await api(page, '/units?limit=5000')).body.items
  const tag = Date.now().toString(36).toUpperCase()
  const good = `E2E-${tag}`
  const csv =
    '编码,名称,单位类型,上级单位编码,主要负责人\r\n' +
    `${good},导入测试中队,team,JD,王队长\r\n` +
    `E2E-${tag}-B,类型写错的单位,king,JD,李四\r\n` +
    `bad code ${tag},编码带空格的单位,team,JD,张三\r\n`
  await openTab('territory')
  await page.click('[data-test="import-open"]')
  const dialog = page.locator('.el-dialog[data-test="import-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="import-kind"]').getByText('单位').click()
  await dialog.locator('[data-test="import-file"] input[type=file]').setInputFiles({
    name: 'units.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf-8'),
  })
  await dialog.locator('[data-test="import-refused"]').waitFor()
  const rows = await dialog.locator('[data-test="import-errors"] .el-table__row').allInnerTexts()
  assert.ok(rows.some((r) => r.includes('第 3 行') && r.includes('类型写错的单位') && r.includes('king')), rows.join('\n'))
  assert.ok(rows.some((r) => r.includes('第 4 行') && r.includes('编码带空格的单位')), rows.join('\n'))
  assert.ok(!rows.some((r) => r.includes('第 2 行')), 'the good row is not listed as an error')
  assert.match(await dialog.locator('[data-test="import-refused"]').innerText(), /未导入任何数据/)
  assert.ok(await dialog.locator('[data-test="import-commit"]').isDisabled(), 'import is not offered')
  await page.waitForTimeout(400) // let the kind buttons finish their colour transition
  await shot(page, 'admin-import-preview')
  const afterUnits = (await api(page, '/units?limit=5000')).body.items
  assert.equal(afterUnits.length, before.length, 'no unit was imported')
  assert.ok(!afterUnits.some((u) => u.code === good), 'not even the good row')
})

step('a non-admin has no admin menu and /admin shows 403', async () => {
  const fresh = await newContext(browser)
  const p = await fresh.newPage()
  try {
    await loginAs(p, 'dispatcher')
    await p.goto(BASE_URL + '/dashboard')
    const menu = p.locator('.side-menu')
    await menu.getByText('问题台账').waitFor()
    assert.ok(!(await menu.innerText()).includes('系统管理'), 'no 系统管理 in the menu')
    await p.goto(BASE_URL + '/admin')
    await p.waitForURL((u) => u.pathname === '/403')
    await p.getByText('无权访问该页面').waitFor()
    const r = await api(p, '/users')
    assert.equal(r.status, 403, 'the server refuses the admin API too')
  } finally {
    await fresh.close()
  }
})

step('the bell and the notifications page follow the notifications API', async (t) => {
  await loginAs(page, 'admin')
  const probe = await api(page, '/notifications?limit=1')
  if (probe.status === 404) {
    // The UI must still work without the endpoint; then say loudly what was not tested.
    await page.goto(BASE_URL + '/notifications')
    await page.locator('[data-test="notice-unavailable"]').waitFor()
    assert.ok(await page.locator('[data-test="bell-count"] .el-badge__content').isHidden(), 'no unread count')
    return t.skip('GET /api/v1/notifications → 404: the server has no notifications endpoint; only the fallback was checked')
  }
  assert.equal(probe.status, 200, `GET /notifications → ${probe.status}`)

  // The demo account with the most unread notices (the reminder sweep gives unit handlers some).
  let who = null
  for (const l of await demoLogins(page)) {
    await signIn(page, l.username, l.password)
    const r = await api(page, '/notifications?limit=50')
    assert.equal(r.status, 200, `GET /notifications as ${l.username} → ${r.status}`)
    const score = (x) => x.unread * 1000 + x.items.length
    if (r.body.items.length && (!who || score(r.body) > score(who.list))) who = { login: l, list: r.body }
  }
  assert.ok(who, 'some demo account has notifications (the reminder sweep gives unit handlers overdue notices)')
  await signIn(page, who.login.username, who.login.password)
  await page.goto(BASE_URL + '/notifications')
  await page.waitForLoadState('networkidle')
  const unread = who.list.unread
  const badge = page.locator('[data-test="bell-count"] .el-badge__content')
  if (unread) assert.equal((await badge.innerText()).trim(), unread > 99 ? '99+' : String(unread), 'the bell counts unread notices')
  else assert.ok(await badge.isHidden(), 'no count when everything is read')
  assert.match(await page.locator('[data-test="notice-filter"]').innerText(), new RegExp(`未读 \\(${unread}\\)`))
  const first = who.list.items[0]
  const row = page.locator(`[data-test="notice-${first.id}"]`)
  await row.waitFor()
  assert.ok((await row.innerText()).includes(first.title), 'the newest notice is listed with its title')
  await shot(page, 'notifications')

  // The bell lists the latest; clicking an unread one marks it read and follows its link.
  const target = who.list.items.find((n) => !n.read && n.link && n.link.startsWith('/'))
  if (!target)
    return t.skip(`no unread notice with a link for any demo account (all read by an earlier run?): click-to-read and mark-all-read were NOT exercised`)
  await page.click('[data-test="bell"]')
  const item = page.locator(`[data-test="bell-item-${target.id}"]`)
  await item.waitFor()
  await item.click()
  await page.waitForURL((u) => u.pathname + u.search === target.link)
  await page.waitForFunction(
    (want) => {
      const el = document.querySelector('[data-test="bell-count"] .el-badge__content')
      const shown = el && getComputedStyle(el).display !== 'none' ? el.textContent.trim() : ''
      return shown === want
    },
    unread - 1 === 0 ? '' : String(Math.min(unread - 1, 99)) + (unread - 1 > 99 ? '+' : ''),
  )
  const after = (await api(page, '/notifications?limit=50')).body
  assert.equal(after.unread, unread - 1, 'one fewer unread')
  assert.ok(after.items.find((n) => n.id === target.id).read, 'the clicked notice is read')

  // Mark all read from the page: the bell empties.
  if (after.unread > 0) {
    await page.goto(BASE_URL + '/notifications')
    await page.waitForLoadState('networkidle')
    await page.click('[data-test="notice-read-all"]')
    await badge.waitFor({ state: 'hidden' })
    assert.equal((await api(page, '/notifications?limit=1')).body.unread, 0)
    assert.equal(await page.locator('.item.unread').count(), 0)
  }
})

step('the admin console ran without page errors', async () => {
  assert.deepEqual(errors, [])
})
