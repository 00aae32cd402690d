// A file that is not a photo is refused with a Chinese message and no problem is
// created; the form keeps what the grid worker typed. Needs FAKE_PHOTO_PATH.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, PHONE, api, launch, loginAs, newContext, pointInFirstGrid, shot } from '../lib.mjs'

const fake = process.env.FAKE_PHOTO_PATH
let browser, page

before(async () => {
  if (!fake) return
  browser = await launch()
  const context = await newContext(browser)
  page = await context.newPage()
})
after(async () => {
  await browser?.close()
})

test('a non-photo upload is refused with a Chinese message', { skip: !fake && 'FAKE_PHOTO_PATH not set' }, async () => {
  await loginAs(page, 'grid_worker')
  const point = await pointInFirstGrid(page)
  await page.context().setGeolocation({ longitude: point.lng, latitude: point.lat })
  await page.setViewportSize(PHONE)
  const before = (await api(page, '/problems?limit=1')).body
  await page.goto(BASE_URL + '/m/report')
  await page.setInputFiles('[data-test="photos"] input[type=file]', fake)
  await page.click('[data-test="locate"]')
  await page.waitForFunction(() => /\d+\.\d{6}/.test(document.querySelector('[data-test="location-text"]')?.textContent ?? ''))
  await page.click('[data-test="category"]')
  await page.locator('.el-select-dropdown__item:visible').first().click()
  await page.fill('[data-test="address"]', 'e2e 非图片上传测试')
  await page.fill('[data-test="description"]', 'e2e 上传非图片文件应被拒绝')
  await page.click('[data-test="report-submit"]')
  const msg = await page.locator('.el-message--error').first().innerText()
  assert.match(msg, /[\u4e00-\u9fff]/, `error message is Chinese: ${msg}`)
  await shot(page, 'upload-refused')
  assert.equal(await page.inputValue('[data-test="description"]'), 'e2e 上传非图片文件应被拒绝', 'form keeps its input')
  const afterList = (await api(page, '/problems?limit=1')).body
  assert.equal(afterList.items[0]?.id, before.items[0]?.id, 'no problem was created')
})
