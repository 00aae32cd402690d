// 一张图: the dispatcher's map colours the grids by open problems, by the overdue share of
// them, or by patrol coverage, with a legend for each; clicking a point names its grid.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, loginAs, openBrowser, shot, stepper } from '../lib.mjs'

let browser, page, errors
const s = { failed: false }

before(async () => ({ browser, page, errors } = await openBrowser()))
after(async () => browser?.close())
const step = stepper(s, () => page, '09-')

/** Grids per legend entry (the map draws on a canvas; the legend counts what it filled). */
const legend = () => page.$$eval('.legend .band[data-grids]', (bs) => bs.map((b) => Number(b.getAttribute('data-grids'))))
const sum = (xs) => xs.reduce((a, b) => a + b, 0)
/** Waits until the legend has `bands` entries that together count every grid. */
const legendSettles = (bands) =>
  page.waitForFunction(
    ([k, n]) => {
      const bs = [...document.querySelectorAll('.legend .band[data-grids]')]
      return bs.length === k && bs.reduce((a, b) => a + Number(b.getAttribute('data-grids')), 0) === n
    },
    [bands, s.grids],
  )

step('the map draws the grids coloured by open problems', async () => {
  await loginAs(page, 'dispatcher')
  await page.goto(`${BASE_URL}/map`)
  await page.waitForFunction(() => [...document.querySelectorAll('.legend .band[data-grids]')].some((b) => b.getAttribute('data-grids') !== '0'))
  s.grids = Number((await page.locator('.panel').innerText()).match(/网格 \((\d+)\)/)[1])
  s.open = await legend()
  assert.ok(s.grids > 5, 'grids are drawn')
  assert.equal(sum(s.open), s.grids, 'every grid falls in one band of open problems')
  assert.match(await page.locator('.legend').innerText(), /在办问题数/)
})

step('switching to the overdue share recolours the grids and changes the legend', async () => {
  await page.locator('[data-test="map-colouring"]').getByText('超期占比').click()
  await page.waitForFunction(() => /超期的比例/.test(document.querySelector('.legend')?.textContent ?? ''))
  await legendSettles(5)
  const overdue = await legend()
  assert.equal(overdue.length, 5, 'four shares and "no open problems"')
  assert.equal(sum(overdue), s.grids)
  assert.ok(overdue[4] < s.grids, 'some grid has open problems, so not every grid is grey')
  await shot(page, 'map-overdue')
})

step('patrol coverage marks the grids not visited in the chosen days', async () => {
  await page.locator('[data-test="map-colouring"]').getByText('巡查覆盖').click()
  await page.waitForFunction(() => /巡查到访/.test(document.querySelector('.legend')?.textContent ?? ''))
  await legendSettles(2)
  const coverage = await legend()
  assert.equal(coverage.length, 2)
  assert.equal(sum(coverage), s.grids, 'every grid is either patrolled or not')
  assert.equal(await page.locator('.el-alert--warning').count(), 0, 'the coverage API answered')
  await shot(page, 'map-coverage')
})

test('no uncaught page errors', () => {
  assert.deepEqual(errors, [], `page errors: ${errors.join('; ')}`)
})
