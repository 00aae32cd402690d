import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { InspectionDetail, SiteType } from '@/api/inspections'
import { ApiError } from '@/api/http'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'
import ScorePanel from './components/ScorePanel.vue'
import {
  blankAnswers,
  filterRounds,
  groupMisses,
  perUnitAverages,
  previewScore,
  roundKpis,
  roundStats,
  serverErrors,
  toNewInspection,
  toNewScore,
  validateFinding,
  validateRound,
  validateScore,
  emptyRound,
  emptyScore,
  emptyFinding,
} from './hooks'

const ROAD: SiteType = {
  id: 'road_cleaning',
  name: '道路保洁（深度保洁、以克论净）',
  items: [
    { id: 'dust_load', name: '路面尘土残存量', kind: 'measure', unit: 'g/㎡', max: 5 },
    { id: 'litter', name: '路面无垃圾杂物、积水', kind: 'check' },
    { id: 'bins', name: '垃圾箱完好、无满溢', kind: 'check' },
  ],
}
const SITE: SiteType = { id: 'stockpile', name: '物料堆场', items: [{ id: 'spray', name: '喷淋抑尘设施运行', kind: 'check' }] }

afterEach(() => vi.unstubAllGlobals())

describe('round form', () => {
  it('needs the level for a higher-level round only', () => {
    expect(validateRound(emptyRound('2024-09-01'))).toEqual({})
    expect(validateRound({ ...emptyRound('2024-09-01'), kind: 'higher_level' })).toEqual({
      level: '上级督查需注明层级（区/市/省）',
    })
    expect(validateRound({ ...emptyRound(''), kind: '' })).toEqual({ kind: '请选择督查类型', date: '请选择检查日期' })
  })

  it('sends only what was filled, and the level only for 上级督查', () => {
    expect(toNewInspection({ ...emptyRound('2024-09-01'), level: '市', title: '  ' })).toEqual({ kind: 'weekly', date: '2024-09-01' })
    expect(
      toNewInspection({ ...emptyRound('2024-09-01'), kind: 'higher_level', level: '省', title: ' 省督查 ', inspector_ids: [3, 4], campaign_id: 2 }),
    ).toEqual({ kind: 'higher_level', level: '省', date: '2024-09-01', title: '省督查', inspector_ids: [3, 4], campaign_id: 2 })
  })
})

describe('checklist scoring', () => {
  it('computes the score as the server does: passed ÷ items × 100, measured items against max', () => {
    const a = blankAnswers(ROAD)
    expect(previewScore(ROAD, a)).toEqual({ score: null, passed: 0, total: 3, unanswered: 3 })
    a.dust_load.value = 7.2
    a.litter.passed = true
    a.bins.passed = true
    expect(previewScore(ROAD, a)).toEqual({ score: 66.67, passed: 2, total: 3, unanswered: 0 })
    a.dust_load.value = 5
    expect(previewScore(ROAD, a).score).toBe(100)
  })

  it('lists the unanswered items and builds the request body', () => {
    const f = { ...emptyScore(), site_type: 'road_cleaning', answers: blankAnswers(ROAD) }
    expect(validateScore(f, ROAD)).toEqual({
      unit_id: '请选择被检查单位',
      'items[0].value': '请填写实测值',
      'items[1].passed': '请判定合格或不合格',
      'items[2].passed': '请判定合格或不合格',
    })
    f.unit_id = 7
    f.answers.dust_load.value = 3.5
    f.answers.litter.passed = false
    f.answers.bins.passed = true
    f.site_name = ' 文峰路 '
    expect(validateScore(f, ROAD)).toEqual({})
    expect(toNewScore(f, ROAD)).toEqual({
      unit_id: 7,
      site_type: 'road_cleaning',
      site_name: '文峰路',
      items: [
        { id: 'dust_load', value: 3.5 },
        { id: 'litter', passed: false },
        { id: 'bins', passed: true },
      ],
    })
  })

  it('a direct score needs 0–100', () => {
    expect(validateScore({ ...emptyScore(), unit_id: 1, score: 101 }, undefined)).toEqual({ score: '请填写 0–100 的得分' })
    expect(toNewScore({ ...emptyScore(), unit_id: 1, score: 92 }, undefined)).toEqual({ unit_id: 1, score: 92 })
  })
})

describe('round numbers', () => {
  const detail: InspectionDetail = {
    id: 1, kind: 'recheck', level: null, date: '2024-09-01', title: 'x', campaign_id: null, note: '', inspector_ids: [1],
    created_by: 1, created_at: '2024-09-01T08:00:00+08:00',
    scores: [
      { id: 1, unit_id: 2, site_type: null, site_name: '', score: 80, items: [], note: '', created_at: '' },
      { id: 2, unit_id: 2, site_type: null, site_name: '', score: 90, items: [], note: '', created_at: '' },
      { id: 3, unit_id: 5, site_type: null, site_name: '', score: 100, items: [], note: '', created_at: '' },
    ],
    finding_problem_ids: [11, 12],
    rechecks: [
      { problem_id: 3, result: 'confirmed', new_problem_id: null, note: '' },
      { problem_id: 4, result: null, new_problem_id: null, note: '' },
    ],
  }
  it('counts units, sites, findings and re-checks', () => {
    expect(roundStats(detail)).toEqual({ units: 2, sites: 3, average: 90, findings: 2, rechecked: 1, sampled: 2 })
    expect(perUnitAverages(detail)).toEqual([
      { unit_id: 5, average: 100, sites: 1 },
      { unit_id: 2, average: 85, sites: 2 },
    ])
  })
  it('filters and counts rounds', () => {
    const rows = [
      { ...detail, id: 1, kind: 'covert' as const, title: '夜间暗访', date: '2024-09-03' },
      { ...detail, id: 2, kind: 'weekly' as const, title: '第36周', note: '背街小巷', date: '2024-08-30' },
    ]
    expect(filterRounds(rows, 'covert', '').map((r) => r.id)).toEqual([1])
    expect(filterRounds(rows, '', '小巷').map((r) => r.id)).toEqual([2])
    expect(roundKpis(rows, '2024-09-10')).toEqual({ total: 2, month: 1, covert: 1, higher: 0, recheck: 0 })
  })
})

describe('findings and coverage', () => {
  it('a finding needs photos (uploaded), category, address, description and a position', () => {
    expect(validateFinding(emptyFinding(), 0, 0)).toEqual({
      attachment_ids: '请至少上传一张现场照片',
      category_code: '请选择问题类别',
      address: '请填写地址',
      description: '请填写问题描述',
      lng: '请确定问题位置',
    })
    const ok = { ...emptyFinding(), category_code: '06010', address: '文峰路', description: '暴露垃圾', lng: 117.9, lat: 36.6 }
    expect(validateFinding(ok, 1, 1)).toEqual({ attachment_ids: '请等待照片上传完成' })
    expect(validateFinding(ok, 1, 0)).toEqual({})
  })

  it('maps server field errors to form fields', () => {
    const e = new ApiError(400, {
      errors: [
        { field: 'inspector_ids[0]', message: '用户不存在' },
        { field: 'items[1].passed', message: '请填写是否合格' },
      ],
    })
    expect(serverErrors(e)).toEqual({ inspector_ids: '用户不存在', 'items[1].passed': '请填写是否合格' })
    expect(serverErrors(new Error('x'))).toEqual({})
  })

  it('groups daily misses per grid worker, most missed first', () => {
    const rows = groupMisses({
      days: 7, since: '', grids_not_visited: [], roads_not_visited: [], daily_rule: 2,
      daily_missed: [
        { user_id: 4, name: '王秀英', date: '2024-09-01', tours: 1 },
        { user_id: 5, name: '刘海涛', date: '2024-09-01', tours: 0 },
        { user_id: 5, name: '刘海涛', date: '2024-09-02', tours: 0 },
      ],
    })
    expect(rows.map((r) => [r.name, r.days.length])).toEqual([['刘海涛', 2], ['王秀英', 1]])
  })
})

describe('ScorePanel', () => {
  it('previews the score while judging and posts the checklist answers', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/v1/units')) return jsonResponse({ items: [{ id: 7, code: 'U7', name: '将军路社区', type: 'community', parent_id: null, principal: null }] })
      if (url.endsWith('/inspections/3/scores') && init?.method === 'POST')
        return jsonResponse({ id: 1, unit_id: 7, site_type: 'stockpile', site_name: '', score: 0, items: [], note: '', created_at: '' }, 201)
      return jsonResponse({}, 404)
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = mount(ScorePanel, {
      props: { roundId: 3, siteTypes: [SITE, ROAD] },
      global: { plugins: [makePinia(['inspector']), i18n, makeRouter()] },
      attachTo: document.body,
    })
    await flushPromises()
    // The first site type is chosen; nothing judged yet.
    expect(wrapper.find('[data-test="site-stockpile"]').classes()).toContain('on')
    expect(wrapper.find('[data-test="score-preview"]').text()).toBe('—')
    await wrapper.find('[data-test="score-submit"]').trigger('click')
    await flushPromises()
    // element-plus shows a form item's error after a debounced state change (~100 ms)
    await new Promise((r) => setTimeout(r, 150))
    expect(wrapper.text()).toContain('请选择被检查单位')
    expect(wrapper.find('[data-test="item-spray"]').text()).toContain('请判定合格或不合格')
    expect(fetchMock.mock.calls.some((c) => c[1]?.method === 'POST')).toBe(false)

    const panel = wrapper.vm as unknown as { $: { setupState: { form: { unit_id: number | null } } } }
    panel.$.setupState.form.unit_id = 7
    await wrapper.find('[data-test="item-spray"] [data-test="fail"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="score-preview"]').text()).toBe('0')
    await wrapper.find('[data-test="score-submit"]').trigger('click')
    await flushPromises()
    const post = fetchMock.mock.calls.find((c) => c[1]?.method === 'POST')
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ unit_id: 7, site_type: 'stockpile', items: [{ id: 'spray', passed: false }] })
    expect(wrapper.emitted('saved')?.length).toBe(1)
    wrapper.unmount()
  })
})
