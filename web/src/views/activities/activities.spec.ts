import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import type { Activity, Compliance } from '@/api/activities'
import { ApiError } from '@/api/http'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'
import ActivityDialog from './components/ActivityDialog.vue'
import {
  complianceRows,
  complianceSummary,
  dailyCounts,
  dateRange,
  emptyActivity,
  emptyDuty,
  fmtAmount,
  remapQuantityErrors,
  serverErrors,
  toNewActivity,
  toNewDuty,
  validateActivity,
  validateDuty,
} from './hooks'
import type { ActivityForm } from './types'

afterEach(() => vi.unstubAllGlobals())

function filled(): ActivityForm {
  return {
    ...emptyActivity(3, '2024-09-10'),
    participants: 12,
    vehicles: 2,
    funds: 0.5,
    note: ' 背街小巷集中清理 ',
    quantities: [
      { kind: '清运垃圾', amount: 3.5, unit: '吨' },
      { kind: '', amount: null, unit: '' },
      { kind: '清理小广告', amount: 120, unit: '条' },
    ],
  }
}

describe('activity form', () => {
  it('accepts a complete entry and ignores blank quantity rows', () => {
    expect(validateActivity(filled(), '2024-09-10')).toEqual({})
    const { body, rowIndex } = toNewActivity(filled(), [41, 42])
    expect(body).toEqual({
      kind: 'cleanup',
      date: '2024-09-10',
      unit_id: 3,
      participants: 12,
      vehicles: 2,
      funds: 0.5,
      note: '背街小巷集中清理',
      quantities: [
        { kind: '清运垃圾', amount: 3.5, unit: '吨' },
        { kind: '清理小广告', amount: 120, unit: '条' },
      ],
      attachment_ids: [41, 42],
    })
    expect(rowIndex).toEqual([0, 2])
  })

  it('flags half-filled quantity rows, a missing unit and a future date', () => {
    const f = { ...filled(), unit_id: null, date: '2024-09-11', quantities: [{ kind: '', amount: 2, unit: '' as const }] }
    expect(validateActivity(f, '2024-09-10')).toEqual({
      date: '日期不能晚于今天',
      unit_id: '请选择单位',
      'quantities[0].kind': '请填写工作量项目',
      'quantities[0].unit': '请选择计量单位',
    })
  })

  it('maps server errors on the sent quantities back to the form rows', () => {
    const e = new ApiError(400, {
      errors: [
        { field: 'quantities[1].unit', message: '应为以下之一' },
        { field: 'attachment_ids[0]', message: '附件不存在' },
      ],
    })
    expect(remapQuantityErrors(serverErrors(e), [0, 2])).toEqual({
      'quantities[2].unit': '应为以下之一',
      attachment_ids: '附件不存在',
    })
  })
})

describe('totals and chart helpers', () => {
  it('counts activities per day and kind in the range', () => {
    const a = (date: string, kind: Activity['kind']) => ({ date, kind }) as Activity
    const out = dailyCounts([a('2024-09-01', 'cleanup'), a('2024-09-01', 'cleanup'), a('2024-09-03', 'publicity'), a('2024-10-01', 'cleanup')], '2024-08-31', '2024-09-03')
    expect(out.days).toEqual(['2024-08-31', '2024-09-01', '2024-09-02', '2024-09-03'])
    expect(out.series).toEqual([
      { kind: 'cleanup', data: [0, 2, 0, 0] },
      { kind: 'publicity', data: [0, 0, 0, 1] },
    ])
    expect(dateRange('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01'])
    expect(fmtAmount(3.5)).toBe('3.5')
    expect(fmtAmount(0.1 + 0.2)).toBe('0.3')
  })
})

describe('duties', () => {
  const c: Compliance = {
    from: '2024-09-01',
    to: '2024-09-14',
    items: [
      { duty_id: 1, duty_name: '书记每日一小时整治', who: { unit_id: 3, unit_name: '将军路社区' }, required_days: 14, missing_days: ['2024-09-02', '2024-09-09'] },
      {
        duty_id: 2,
        duty_name: '包村干部周五清理',
        who: { assignment_id: 5, cadre_name: '黄振华', cadre_user_id: null, unit_id: null, target_unit_id: 9, target_name: '孝水村' },
        required_days: 2,
        missing_days: ['2024-09-06', '2024-09-13'],
      },
    ],
  }
  it('derives rates per party and overall', () => {
    const rows = complianceRows(c)
    expect(rows.map((r) => [r.who, r.whoDetail, r.done, r.rate])).toEqual([
      ['将军路社区', '', 12, 85.7],
      ['黄振华', '包保 孝水村', 0, 0],
    ])
    expect(complianceSummary(rows)).toEqual({ required: 16, done: 12, missing: 4, rate: 75, parties: 2 })
  })

  it('validates a duty like the server', () => {
    expect(validateDuty({ ...emptyDuty('2024-09-01'), frequency: 'weekly', end_date: '2024-08-01' })).toEqual({
      name: '请填写名称',
      unit_id: '请选择责任单位',
      weekday: '请选择星期几',
      end_date: '结束日期不能早于开始日期',
    })
    expect(toNewDuty({ ...emptyDuty('2024-09-01'), name: '包村干部周五清理', who: 'village_cadres', unit_id: 3, frequency: 'weekly', weekday: 5, activity_kind: 'friday_village_cleanup' })).toEqual({
      name: '包村干部周五清理',
      who: 'village_cadres',
      activity_kind: 'friday_village_cleanup',
      frequency: 'weekly',
      weekday: 5,
      start_date: '2024-09-01',
    })
  })
})

describe('ActivityDialog', () => {
  it('shows a half-filled quantity error next to the row, then saves a complete entry', async () => {
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/v1/units')) return jsonResponse({ items: [{ id: 3, code: 'U3', name: '将军路社区', type: 'community', parent_id: null, principal: null }] })
      if (url.startsWith('/api/v1/campaigns')) return jsonResponse({ items: [] })
      if (url === '/api/v1/activities' && init?.method === 'POST') {
        const b = JSON.parse(String(init.body)) as Activity
        return jsonResponse({ ...b, id: 9, campaign_id: null, attachment_ids: [], created_by: 1, created_at: '' }, 201)
      }
      return jsonResponse({}, 404)
    })
    vi.stubGlobal('fetch', fetchMock)
    const wrapper = mount(ActivityDialog, {
      props: { modelValue: false, ownUnitId: 3, anyUnit: false },
      global: { plugins: [makePinia(['unit_handler']), i18n, makeRouter()], stubs: { transition: false } },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    const state = (wrapper.vm as unknown as { $: { setupState: { form: ActivityForm } } }).$.setupState
    state.form.quantities[0].amount = 2.5
    await flushPromises()
    const submit = document.querySelector<HTMLButtonElement>('[data-test="activity-submit"]')
    submit?.click()
    await flushPromises()
    const errs = [...document.querySelectorAll('[data-test="quantity-0"] [data-test="q-error"]')].map((e) => e.textContent?.trim())
    expect(errs).toEqual(['请填写工作量项目', '请选择计量单位'])
    expect(fetchMock.mock.calls.some((c) => c[1]?.method === 'POST')).toBe(false)

    state.form.quantities[0].kind = '清运垃圾'
    state.form.quantities[0].unit = '吨'
    await flushPromises()
    submit?.click()
    await flushPromises()
    const post = fetchMock.mock.calls.find((c) => c[1]?.method === 'POST')
    expect(JSON.parse(String(post?.[1]?.body))).toMatchObject({
      kind: 'cleanup',
      unit_id: 3,
      quantities: [{ kind: '清运垃圾', amount: 2.5, unit: '吨' }],
    })
    expect(wrapper.emitted('saved')?.length).toBe(1)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })
})
