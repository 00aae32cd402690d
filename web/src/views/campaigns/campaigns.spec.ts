import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Campaign, BurndownSeries, DeliverableState } from '@/api/campaigns'
import type { Role } from '@/api/types'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'
import CampaignsPage from './index.vue'
import { burndownOption, burndownSummary, trimLeadingZeros } from './chart'
import CampaignFormDialog from './components/CampaignFormDialog.vue'
import { countsFromStats } from './hooks'
import {
  campaignStatus,
  canReportFor,
  currentPhases,
  deliverableMatrix,
  dropBlankRows,
  emptyForm,
  formFromCampaign,
  formToBody,
  phaseLayout,
  rectifyEnd,
  timeProgress,
  validateCampaign,
  validateWorkItem,
} from './logic'

afterEach(() => vi.unstubAllGlobals())

const CAMPAIGN: Campaign = {
  id: 7,
  doc_number: '将政发〔2023〕16号',
  title: '城乡环境大整治“百日攻坚”行动',
  issuer: '淄川区将军路街道办事处',
  start_date: '2026-11-16',
  end_date: '2027-01-25',
  clock_mode: 'every_day',
  weight: 0.5,
  version: 3,
  template_id: '000_88f065076e95e0f8',
  deadline_cap: '2027-01-17T00:00:00+08:00',
  award_tiers: [{ name: '一等奖', amount: 3000 }],
  phases: [
    { id: 1, name: '动员部署阶段', kind: 'mobilize', kind_name: '动员部署', start_date: '2026-11-16', end_date: '2026-11-21' },
    { id: 2, name: '集中整治阶段', kind: 'rectify', kind_name: '集中整治', start_date: '2026-11-20', end_date: '2027-01-16' },
    { id: 3, name: '长期坚持', kind: 'sustain', kind_name: '长期坚持', start_date: '2027-01-17', end_date: null },
  ],
  task_areas: [
    { id: 11, name: '路域环境提升行动', category_codes: ['06012'], zone_kinds: ['road'], lead_unit_id: null, lead_unit_name: '', target: '道路保洁', target_quantity: null, target_uom: '' },
  ],
  unit_ids: [3, 18],
  deliverables: [{ id: 21, kind: 'work_plan', kind_name: '工作方案', title: '工作方案', due_date: '2026-11-21', per_unit: true }],
  created_at: '2026-11-16T09:00:00+08:00',
  updated_at: '2026-11-16T09:00:00+08:00',
}

describe('dates and phases', () => {
  it('finds the status and the overlapping current phases', () => {
    expect(campaignStatus(CAMPAIGN, '2026-11-01')).toBe('upcoming')
    expect(campaignStatus(CAMPAIGN, '2026-12-04')).toBe('running')
    expect(campaignStatus(CAMPAIGN, '2027-02-01')).toBe('ended')
    expect(currentPhases(CAMPAIGN.phases, '2026-11-21').map((p) => p.kind)).toEqual(['mobilize', 'rectify'])
    expect(currentPhases(CAMPAIGN.phases, '2027-06-01').map((p) => p.kind)).toEqual(['sustain'])
    expect(rectifyEnd(CAMPAIGN)).toBe('2027-01-16')
    expect(timeProgress(CAMPAIGN, '2026-11-16')).toBeCloseTo(1 / 71)
  })

  it('lays out overlapping and open-ended phases on one axis', () => {
    const l = phaseLayout(CAMPAIGN.phases, '2026-12-04', CAMPAIGN.end_date)
    expect(l.from).toBe('2026-11-16')
    // open-ended: the axis runs past the campaign end and the bar is flagged
    expect(l.to > '2027-01-25').toBe(true)
    const [mob, rect, sustain] = l.bars
    expect(mob.left).toBe(0)
    expect(rect.left).toBeLessThan(mob.left + mob.width) // overlap is kept
    expect(rect.current && !mob.current && mob.past).toBe(true)
    expect(sustain.openEnded && sustain.end === null && sustain.days === null).toBe(true)
    expect(sustain.left + sustain.width).toBeCloseTo(100)
    expect(l.todayPct).toBeGreaterThan(0)
    expect(phaseLayout(CAMPAIGN.phases, '2030-01-01').todayPct).toBeNull()
  })
})

describe('campaign form', () => {
  it('names invalid fields the way the server does', () => {
    const f = emptyForm('2026-12-04')
    f.title = ' '
    f.end_date = '2026-12-01'
    f.weightPct = 120
    f.phases[1].end_date = '2026-12-01'
    f.phases[0].start_date = '2026-11-01'
    f.deliverables[0].title = ''
    f.task_areas[0].name = ''
    const e = validateCampaign(f)
    expect(Object.keys(e).sort()).toEqual(
      [
        'deliverables[0].title',
        'end_date',
        'phases[0].start_date',
        'phases[1].end_date',
        'task_areas[0].name',
        'title',
        'weight',
      ].sort(),
    )
    expect(e.end_date).toBe('结束日期不能早于开始日期')
    // a task area left completely empty is dropped, not reported
    expect(validateCampaign(dropBlankRows(f))).not.toHaveProperty('task_areas[0].name')
  })

  it('accepts a filled form and round-trips a campaign, keeping ids and open ends', () => {
    const f = formFromCampaign(CAMPAIGN)
    expect(validateCampaign(f)).toEqual({})
    const body = formToBody(f)
    expect(body.weight).toBe(0.5)
    expect(body.phases?.[2]).toEqual({ name: '长期坚持', kind: 'sustain', start_date: '2027-01-17' })
    expect(body.task_areas?.[0].id).toBe(11)
    expect(body.deliverables?.[0]).toEqual({ id: 21, kind: 'work_plan', title: '工作方案', due_date: '2026-11-21', per_unit: true })
    expect(body).not.toHaveProperty('version')
  })

  it('checks a work item', () => {
    const e = validateWorkItem(
      { title: '', task_area_id: null, target_quantity: 0, uom: '', owner_unit_id: null, deadline: '2026-01-01' },
      '2026-11-16',
    )
    expect(Object.keys(e).sort()).toEqual(['deadline', 'owner_unit_id', 'target_quantity', 'title', 'uom'])
    expect(
      validateWorkItem(
        { title: '旱厕改造', task_area_id: 11, target_quantity: 10, uom: '座', owner_unit_id: 3, deadline: '2026-12-20' },
        '2026-11-16',
      ),
    ).toEqual({})
  })
})

describe('work and deliverables', () => {
  it('lets a unit handler report only for its own unit', () => {
    const handler: Role[] = ['unit_handler']
    expect(canReportFor(handler, 3, 3)).toBe(true)
    expect(canReportFor(handler, 3, 4)).toBe(false)
    expect(canReportFor(['dispatcher'], null, 4)).toBe(true)
    expect(canReportFor(['viewer'], 3, 3)).toBe(false)
  })

  it('builds the unit × deliverable matrix with a campaign-wide row', () => {
    const items: DeliverableState[] = [
      { id: 1, kind: 'work_plan', title: '方案', due_date: '2026-11-21', per_unit: true, units: [{ unit_id: 3, status: 'missing' }, { unit_id: 18, status: 'submitted' }] },
      { id: 2, kind: 'ppt', title: 'PPT', due_date: '2027-01-17', per_unit: false, units: [{ unit_id: null, status: 'not_due' }] },
    ]
    const rows = deliverableMatrix(items, [3, 18])
    expect(rows.map((r) => r.unitId)).toEqual([3, 18, null])
    expect(rows[0].cells.map((c) => c?.status ?? null)).toEqual(['missing', null])
    expect(rows[2].cells.map((c) => c?.status ?? null)).toEqual([null, 'not_due'])
  })

  it('counts open and closed tagged problems from state stats', () => {
    expect(
      countsFromStats([
        { key: 'reported', label: '', count: 2 },
        { key: 'dispatched', label: '', count: 3 },
        { key: 'closed', label: '', count: 4 },
        { key: 'voided', label: '', count: 1 },
      ]),
    ).toEqual({ open: 5, closed: 4, total: 10 })
  })
})

describe('burndown chart', () => {
  const series: BurndownSeries = {
    key: 'all',
    name: '全部',
    days: [
      { date: '2026-12-01', open_problems: 4, ideal_problems: 4, remaining_work: { '㎡': 100 }, ideal_work: { '㎡': 100 } },
      { date: '2026-12-02', open_problems: 3, ideal_problems: 2, remaining_work: { '㎡': 40 }, ideal_work: { '㎡': 50 } },
      { date: '2026-12-03', open_problems: 3, ideal_problems: 0, remaining_work: { '㎡': 40 }, ideal_work: { '㎡': 0 } },
    ],
  }
  const L = {
    openProblems: '未结问题',
    idealProblems: '问题理想线',
    remaining: (u: string) => `剩余工作量（${u}）`,
    ideal: (u: string) => `工作量理想线（${u}）`,
    today: '今天',
    problems: '问题数',
    work: '工作量',
  }

  it('draws actual lines up to today and ideal lines to the end', () => {
    const opt = burndownOption(series, '2026-12-02', L)
    const s = opt.series as { name: string; data: (number | null)[] }[]
    expect(s.map((x) => x.name)).toEqual(['未结问题', '问题理想线', '剩余工作量（㎡）', '工作量理想线（㎡）'])
    expect(s[0].data).toEqual([4, 3, null])
    expect(s[2].data).toEqual([100, 40, null])
    expect(s[3].data).toEqual([100, 50, 0])
  })

  it('leaves out remaining work from before any item was registered', () => {
    expect(trimLeadingZeros([0, 0, 120, 80, 0, null])).toEqual([null, null, 120, 80, 0, null])
    expect(trimLeadingZeros([0, 0, 0])).toEqual([0, 0, 0])
  })

  it('summarises where the campaign stands today', () => {
    const sum = burndownSummary(series, '2026-12-02')!
    expect(sum.openNow).toBe(3)
    expect(sum.remainingNow).toEqual({ '㎡': 40 })
    expect(sum.idealWorkNow).toEqual({ '㎡': 50 })
    expect(sum.daysLeft).toBe(1)
  })
})

describe('campaign list page', () => {
  async function mountList(roles: Role[]) {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.includes('/stats/problems'))
          return jsonResponse({ group_by: 'state', total: 3, items: [{ key: 'reported', label: '待受理', count: 2 }, { key: 'closed', label: '已结案', count: 1 }] })
        if (/\/campaigns\/7$/.test(url)) return jsonResponse(CAMPAIGN)
        if (url.endsWith('/campaigns')) return jsonResponse({ items: [CAMPAIGN] })
        return jsonResponse({ items: [] })
      }),
    )
    const router = makeRouter()
    await router.push('/campaigns')
    const wrapper = mount(CampaignsPage, { global: { plugins: [makePinia(roles), i18n, router] } })
    await flushPromises()
    await flushPromises()
    return wrapper
  }

  it('shows campaign cards with counts and the create buttons for a dispatcher', async () => {
    const w = await mountList(['dispatcher'])
    expect(w.find('[data-test="campaign-card-7"]').exists()).toBe(true)
    expect(w.find('[data-test="campaign-title"]').text()).toContain('百日攻坚')
    expect(w.find('[data-test="open-count"]').text()).toBe('2')
    expect(w.find('[data-test="closed-count"]').text()).toBe('1')
    expect(w.find('[data-test="create-from-template"]').exists()).toBe(true)
  })

  it('hides the create buttons from a viewer', async () => {
    const w = await mountList(['viewer'])
    expect(w.find('[data-test="campaign-card-7"]').exists()).toBe(true)
    expect(w.find('[data-test="create-actions"]').exists()).toBe(false)
  })
})

describe('campaign form dialog', () => {
  it('shows server field errors next to their fields', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.includes('/campaigns') && init?.method === 'POST')
        return jsonResponse(
          {
            type: 'about:blank',
            title: '请求参数有误',
            status: 400,
            errors: [
              { field: 'phases[1].name', message: '阶段名称重复' },
              { field: 'unit_ids[0]', message: '单位不存在' },
            ],
          },
          400,
          'application/problem+json',
        )
      return jsonResponse({ items: [] })
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = mount(CampaignFormDialog, {
      props: { modelValue: true },
      global: { plugins: [makePinia(['dispatcher']), i18n, makeRouter()] },
      attachTo: document.body,
    })
    await flushPromises()
    const type = (el: HTMLInputElement, v: string) => {
      el.value = v
      el.dispatchEvent(new Event('input'))
    }
    type(document.querySelector<HTMLInputElement>('[data-test="f-title"]')!, '测试行动')
    await flushPromises()
    ;(document.querySelector('[data-test="form-submit"]') as HTMLButtonElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    const posted = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST')
    expect(JSON.parse(String(posted?.[1]?.body)).title).toBe('测试行动')
    const phaseRow = document.querySelector('[data-test="f-phase-1"]')!
    expect(phaseRow.textContent).toContain('阶段名称重复')
    expect(document.body.textContent).toContain('单位不存在')
    wrapper.unmount()
  }, 30000)
})
