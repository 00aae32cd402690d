import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import type { ExplainResult, Scheme, ScoresResult, UnitScore } from '@/api/assessment'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'
import AssessmentPage from './index.vue'
import RankingTable from './components/RankingTable.vue'
import EntriesPanel from './components/EntriesPanel.vue'
import {
  entryOptions,
  entryRange,
  lineEvidence,
  lineTotals,
  monthBounds,
  parseAssessmentQuery,
  previousMonth,
  rankPeople,
  summarize,
  useDocDownload,
  validateAccountability,
  validateEntry,
  validateRange,
} from './hooks'

afterEach(() => vi.unstubAllGlobals())

const SCHEME: Scheme = {
  code: 'territorial',
  name: '村居（社区）城乡环境百分制积分考核办法',
  kind: 'territorial',
  period: 'month',
  unit_types: ['community', 'village'],
  max_score: 100,
  deduction_cap: 40,
  bonus_cap: 5,
  exposure_bottom: 1,
  campaign_weight: 0.5,
  unranked_when_empty: false,
  items: [
    { key: 'living_env', name: '人居环境提升', source: 'inspection', max: 25, full_by_default: true },
    { key: 'materials', name: '材料审核提报', source: 'entries', max: 10, full_by_default: true },
  ],
  deductions: [
    { key: 'higher_level', name: '上级督查发现问题', fact: 'src_higher_level', points: 2, cap: 20 },
    { key: 'interviews', name: '约谈', fact: 'interviews', points: 5, cap: 10 },
  ],
  vetoes: [{ key: 'veto', name: '一票否决事项', fact: 'entry:veto' }],
  bonuses: [{ key: 'bonus', name: '创新亮点加分', fact: 'entry:bonus', cap: 5 }],
  grades: [
    { grade: 'A', min: 90 },
    { grade: 'B', min: 75 },
    { grade: 'C', min: 60 },
    { grade: 'D', min: 0 },
  ],
  awards: [{ name: '一等奖', amount: 3000, winners: 1 }],
}

function unit(id: number, name: string, score: number | null, rank: number | null, grade: string | null): UnitScore {
  return {
    unit_id: id,
    unit_name: name,
    ranked: score !== null,
    vetoed: false,
    score,
    rank,
    grade,
    status: score === null ? '无案件' : '已评分',
    lines: [
      { key: 'living_env', name: '人居环境提升', kind: 'item', points: 25, max: 25, count: 0, capped: false },
      { key: 'materials', name: '材料审核提报', kind: 'item', points: 10, max: 10, count: 0, capped: false },
      { key: 'higher_level', name: '上级督查发现问题', kind: 'deduction', points: 100 - (score ?? 100), max: 20, count: (100 - (score ?? 100)) / 2, capped: false },
    ],
  }
}

function scores(frozen = false): ScoresResult {
  return {
    scheme: 'territorial',
    scheme_name: SCHEME.name,
    period: '2024-09',
    period_label: '2024年9月',
    evaluated_at: '2024-10-01T09:00:00+08:00',
    items: [unit(1, '东关社区', 99, 1, 'A'), unit(2, '西关社区', 99, 1, 'A'), unit(3, '南坡村', 84, 3, 'B')],
    exposure: [{ unit_id: 3, unit_name: '南坡村', score: 84, rank: 3 }],
    awards: [{ tier: '一等奖', amount: 3000, unit_id: 1, unit_name: '东关社区', score: 99 }],
    frozen,
    ...(frozen
      ? {
          frozen_at: '2024-10-02T10:00:00+08:00',
          frozen_by: 1,
          diff: [
            { unit_id: 3, unit_name: '南坡村', frozen_score: 84, current_score: 87, frozen_rank: 3, current_rank: 3, frozen_grade: 'B', current_grade: 'B' },
          ],
        }
      : {}),
  }
}

describe('periods and the URL', () => {
  it('defaults to last month and refuses malformed or future months', () => {
    const now = new Date('2024-10-05T02:00:00Z')
    expect(previousMonth(now)).toBe('2024-09')
    expect(previousMonth(new Date('2025-01-03T02:00:00Z'))).toBe('2024-12')
    expect(parseAssessmentQuery({}, now)).toEqual({ scheme: 'territorial', period: '2024-09', tab: 'ranking' })
    expect(parseAssessmentQuery({ scheme: 'handling', period: '2024-07', tab: 'people' }, now)).toEqual({
      scheme: 'handling',
      period: '2024-07',
      tab: 'people',
    })
    expect(parseAssessmentQuery({ scheme: '../x', period: '2024-13', tab: 'x' }, now)).toEqual({
      scheme: 'territorial',
      period: '2024-09',
      tab: 'ranking',
    })
    expect(parseAssessmentQuery({ period: '2025-01' }, now).period).toBe('2024-09')
  })

  it('knows the last day of a month', () => {
    expect(monthBounds('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' })
    expect(monthBounds('2026-11')).toEqual({ first: '2026-11-01', last: '2026-11-30' })
  })
})

describe('scores', () => {
  it('splits a breakdown into items, deductions after the cap and bonuses', () => {
    const lines = [
      { key: 'a', name: 'a', kind: 'item', points: 60, max: 60, count: 0, capped: false },
      { key: 'd', name: 'd', kind: 'deduction', points: 50, max: 0, count: 25, capped: false },
      { key: 'deduction_cap', name: '扣分封顶', kind: 'cap', points: 10, max: 40, count: 0, capped: true },
      { key: 'bonus', name: '加分', kind: 'bonus', points: 2, max: 5, count: 2, capped: false },
    ]
    expect(lineTotals(lines)).toEqual({ items: 60, deductions: 40, bonuses: 2 })
  })

  it('summarizes ranked units only', () => {
    const s = summarize([...scores().items, unit(9, '园林所', null, null, null)])
    expect(s).toMatchObject({ units: 4, ranked: 3, unranked: 1, average: 94, top: 99, bottom: 84 })
    expect(s.grades).toEqual([
      { grade: 'A', n: 2 },
      { grade: 'B', n: 1 },
      { grade: 'C', n: 0 },
      { grade: 'D', n: 0 },
    ])
  })

  it('ranks people with shared ranks and the unscored last', () => {
    const p = (user_id: number, score: number | null) => ({
      user_id,
      display_name: `u${user_id}`,
      roles: ['grid_worker'],
      reports: 1,
      valid_reports: 1,
      verifications: 0,
      on_time_verifications: 0,
      patrols: 0,
      patrol_days: 0,
      score,
    })
    expect(rankPeople([p(1, 80), p(2, null), p(3, 95), p(4, 80)]).map((x) => [x.user_id, x.rank])).toEqual([
      [3, 1],
      [1, 2],
      [4, 2],
      [2, null],
    ])
  })
})

describe('manual entries', () => {
  const options = entryOptions(SCHEME)

  it('offers entries items and the entry facts of bonuses and vetoes', () => {
    expect(options.map((o) => [o.key, o.kind, o.max])).toEqual([
      ['materials', 'item', 10],
      ['bonus', 'bonus', 5],
      ['veto', 'veto', 1],
    ])
  })

  it('keeps the item sum within its maximum', () => {
    expect(entryRange(options[0])).toEqual({ min: 0, max: 10 })
    expect(entryRange(options[0], 7)).toEqual({ min: -7, max: 3 })
  })

  it('says what is missing or out of range', () => {
    expect(validateEntry({ unit_id: null, item: '', points: null, note: '' }, options)).toEqual({
      unit_id: '请选择单位',
      item: '请选择考评项目',
      points: '请填写分值',
    })
    expect(validateEntry({ unit_id: 1, item: 'materials', points: 12, note: '' }, options)).toEqual({
      points: '分值应在 0 到 10 之间',
    })
    expect(validateEntry({ unit_id: 1, item: 'bonus', points: 2, note: ' ' }, options)).toEqual({
      note: '请说明扣分或加分的依据',
    })
    expect(validateEntry({ unit_id: 1, item: 'materials', points: 8, note: '' }, options)).toEqual({})
  })

  it('checks the accountability form and the report range', () => {
    const f = { unit_id: null, kind: '' as const, target: 'cadre' as const, person: '', reason: ' ', day: '', problem_id: null }
    expect(Object.keys(validateAccountability(f)).sort()).toEqual(['day', 'kind', 'person', 'reason', 'unit_id'])
    expect(validateRange(['2024-09-30', '2024-09-01'])).toBe('请选择汇报时段')
    expect(validateRange(['2024-01-01', '2025-06-01'])).toBe('汇报时段不能超过一年')
    expect(validateRange(['2024-09-01', '2024-09-30'])).toBeNull()
  })
})

describe('lineEvidence', () => {
  const ex: ExplainResult = {
    ...unit(3, '南坡村', 84, 3, 'B'),
    scheme: 'territorial',
    period: '2024-09',
    problems: [
      { id: 11, number: 'A', state: 'closed', source: 'higher_level', category_code: '06010', reported_at: '', dispatched_at: null, handled_at: null, deadline: null, rework_count: 0, reasons: ['上级督查发现'] },
      { id: 12, number: 'B', state: 'closed', source: 'media', category_code: '06010', reported_at: '', dispatched_at: null, handled_at: null, deadline: null, rework_count: 0, reasons: ['媒体曝光', '问题反弹'] },
    ],
    entries: [{ id: 5, scheme: 'territorial', period: '2024-09', unit_id: 3, item: 'materials', points: 9, note: '迟交', created_by: 1, created_at: '' }],
    accountability: [{ id: 7, kind: 'interview', day: '2024-09-15', reason: '整改不力' }],
  }
  const line = (key: string, kind: string) => ({ key, name: key, kind, points: 1, max: 10, count: 1, capped: false })

  it('finds the problems, entries and interviews behind each line', () => {
    expect(lineEvidence(SCHEME, line('higher_level', 'deduction'), ex).problems.map((p) => p.id)).toEqual([11])
    expect(lineEvidence(SCHEME, line('materials', 'item'), ex).entries.map((e) => e.id)).toEqual([5])
    expect(lineEvidence(SCHEME, line('interviews', 'deduction'), ex).accountability.map((a) => a.id)).toEqual([7])
    expect(lineEvidence(SCHEME, line('living_env', 'item'), ex).note).toContain('督查')
  })

  it('lists the problems that cost a rate its points', () => {
    const handling: Scheme = {
      ...SCHEME,
      kind: 'handling',
      items: [
        { key: 'on_time', name: '按期处置率', source: 'metric', metric: 'on_time_rate', max: 30, full_by_default: true },
        { key: 'no_rework', name: '返工率', source: 'metric', metric: 'no_rework_rate', max: 20, full_by_default: true },
      ],
    }
    const p = (id: number, reasons: string[]) => ({ ...ex.problems[0], id, reasons })
    const hx = { ...ex, problems: [p(1, ['结案', '按期处置']), p(2, ['逾期处置', '返工 1 次']), p(3, [])] }
    const onTime = lineEvidence(handling, line('on_time', 'item'), hx)
    expect(onTime.problems.map((x) => x.id)).toEqual([2, 3])
    expect(onTime.note).toBe('本期派遣队列 3 件，其中符合 1 件；下列 2 件影响本项得分。')
    expect(lineEvidence(handling, line('no_rework', 'item'), hx).problems.map((x) => x.id)).toEqual([2])
  })
})

describe('RankingTable', () => {
  it('shows shared ranks, scores and the change since 定榜, and opens a unit', async () => {
    const w = mount(RankingTable, {
      props: { result: scores(true), scheme: SCHEME, loading: false },
      global: { plugins: [makePinia(['admin']), i18n, makeRouter()] },
    })
    await flushPromises()
    expect(w.findAll('[data-test="rank-cell"]').map((c) => c.text())).toEqual(['1', '1', '3'])
    expect(w.findAll('[data-test="score-cell"]').map((c) => c.text())).toEqual(['99', '99', '84'])
    expect(w.find('[data-test="diff-cell"]').text()).toContain('现 87 分')
    await w.find('[data-test="unit-3"]').trigger('click')
    expect(w.emitted('explain')?.[0]?.[0]).toMatchObject({ unit_id: 3 })
  })
})

function stubApi(extra: (url: string, init?: RequestInit) => Response | null = () => null) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const r = extra(url, init)
    if (r) return r
    if (url.includes('/assessment/schemes')) return jsonResponse({ items: [SCHEME] })
    if (url.includes('/assessment/scores')) return jsonResponse(scores())
    return jsonResponse({ items: [] })
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

async function mountPage(roles: Parameters<typeof makePinia>[0]) {
  const router = makeRouter()
  await router.push('/assessment?scheme=territorial&period=2024-09')
  const w = mount(AssessmentPage, {
    global: {
      plugins: [makePinia(roles), i18n, router],
      stubs: { ChartBox: true, transition: false },
    },
  })
  await flushPromises()
  return w
}

describe('the page', () => {
  it('loads the month of the URL and offers 定榜 to an admin', async () => {
    const fetchMock = stubApi()
    const w = await mountPage(['admin'])
    const url = fetchMock.mock.calls.map((c) => String(c[0])).find((u) => u.includes('/assessment/scores'))
    expect(url).toContain('scheme=territorial')
    expect(url).toContain('period=2024-09')
    expect(w.findAll('[data-test="rank-cell"]')).toHaveLength(3)
    expect(w.find('[data-test="freeze"]').exists()).toBe(true)
    expect(w.find('[data-test="exposure"]').text()).toContain('南坡村')
  })

  it('has no 定榜 for a leader', async () => {
    stubApi()
    const w = await mountPage(['leader'])
    expect(w.findAll('[data-test="rank-cell"]')).toHaveLength(3)
    expect(w.find('[data-test="freeze"]').exists()).toBe(false)
  })

  it('tells a grid worker the page is not for them and asks nothing', async () => {
    const fetchMock = stubApi()
    const w = await mountPage(['grid_worker'])
    expect(w.find('[data-test="rank-denied"]').exists()).toBe(true)
    expect(fetchMock.mock.calls.some((c) => String(c[0]).includes('/assessment/scores'))).toBe(false)
  })
})

describe('EntriesPanel', () => {
  it("shows the server's field errors next to the fields", async () => {
    stubApi((url, init) =>
      url.includes('/assessment/entries') && init?.method === 'POST'
        ? jsonResponse({ title: '参数校验失败', status: 400, errors: [{ field: 'item', message: '该方案没有可录入的项目：materials' }] }, 400, 'application/problem+json')
        : null,
    )
    const w = mount(EntriesPanel, {
      props: { scheme: SCHEME, schemeCode: 'territorial', period: '2024-09', periodLabel: '2024年9月', units: [{ id: 3, name: '南坡村' }], frozen: false },
      global: { plugins: [makePinia(['dispatcher']), i18n, makeRouter()], stubs: { transition: false } },
      attachTo: document.body,
    })
    await flushPromises()
    await w.find('[data-test="entry-add"]').trigger('click')
    await flushPromises()
    const vm = w.vm as unknown as { $: { setupState: { form: { unit_id: number; item: string; points: number } } } }
    Object.assign(vm.$.setupState.form, { unit_id: 3, item: 'materials', points: 8 })
    document.querySelector<HTMLButtonElement>('[data-test="entry-submit"]')?.click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    const errs = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
    expect(errs).toContain('该方案没有可录入的项目：materials')
    w.unmount()
  })
})

describe('useDocDownload', () => {
  function setup() {
    const save = vi.fn()
    let api!: ReturnType<typeof useDocDownload>
    mount(
      defineComponent({
        setup() {
          api = useDocDownload(save)
          return () => h('div')
        },
      }),
      { global: { plugins: [i18n] } },
    )
    return { save, api: () => api }
  }

  it('saves a Word document', async () => {
    const { save, api } = setup()
    const blob = new Blob(['PK'], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' })
    const r = await api().run('bulletin', '月通报', async () => ({ blob, filename: 'bulletin-2024-09.docx' }), 'x.docx')
    expect(r).toEqual({ file: 'bulletin-2024-09.docx', size: 2 })
    expect(save).toHaveBeenCalledWith(blob, 'bulletin-2024-09.docx')
    expect(api().busy.value).toBeNull()
  })

  it('reports a failure instead of saving something else', async () => {
    const { save, api } = setup()
    const r = await api().run('bulletin', '月通报', async () => ({ blob: new Blob(['<html>'], { type: 'text/html' }), filename: null }), 'x.html')
    expect(r).toBeNull()
    expect(save).not.toHaveBeenCalled()
    expect(api().error.value).toContain('《月通报》生成失败')
  })
})
