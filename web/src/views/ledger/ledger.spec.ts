import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { loadSaved, parseQuery, toQuery, useLedgerFilters, useSavedFilters } from './hooks'
import { makePinia, makeRouter } from '@/test/helpers'

describe('parseQuery / toQuery', () => {
  it('round-trips every filter', () => {
    const q = {
      state: 'dispatched,handled',
      category: '06010',
      source: 'patrol',
      unit_id: '2',
      grid_id: '7',
      campaign_id: '3',
      light: 'red',
      overdue: 'true',
      from: '2024-09-01',
      to: '2024-09-30',
      q: '将军路',
      near: '117.967,36.643,500',
    }
    const f = parseQuery(q)
    expect(f).toEqual({
      state: ['dispatched', 'handled'],
      category: '06010',
      source: 'patrol',
      unit_id: 2,
      grid_id: 7,
      campaign_id: 3,
      light: 'red',
      overdue: true,
      from: '2024-09-01',
      to: '2024-09-30',
      q: '将军路',
      near: '117.967,36.643,500',
    })
    expect(toQuery(f)).toEqual(q)
  })

  it('drops malformed values instead of passing them to the API', () => {
    expect(
      parseQuery({ state: 'closed,bogus,closed', unit_id: '-1', light: 'blue', from: '2024/09/01', source: 'x', overdue: 'no', q: '  ' }),
    ).toEqual({ state: ['closed'] })
  })
})

describe('useLedgerFilters', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  async function setup(initial: string) {
    const router = makeRouter()
    await router.push(initial)
    let api!: ReturnType<typeof useLedgerFilters>
    const Probe = defineComponent({
      setup() {
        api = useLedgerFilters(100)
        return () => h('div')
      },
    })
    mount(Probe, { global: { plugins: [makePinia(['dispatcher']), router] } })
    return { router, api: () => api }
  }

  it('reads the initial filters from the URL', async () => {
    const { api } = await setup('/ledger?state=closed&unit_id=2')
    expect(api().filters).toEqual({ state: ['closed'], unit_id: 2 })
    expect(api().applied.value).toEqual({ state: ['closed'], unit_id: 2 })
  })

  it('writes edits to the URL after the debounce', async () => {
    const { router, api } = await setup('/ledger')
    api().filters.category = '07001'
    api().filters.overdue = true
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    vi.advanceTimersByTime(150)
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ category: '07001', overdue: 'true' })
    expect(api().applied.value).toEqual({ category: '07001', overdue: true })
  })

  it('follows URL changes such as back/forward or dashboard links', async () => {
    const { router, api } = await setup('/ledger?source=media')
    await router.push('/ledger?light=red&state=dispatched')
    await flushPromises()
    expect(api().filters).toEqual({ light: 'red', state: ['dispatched'] })
  })

  it('reset clears the URL', async () => {
    const { router, api } = await setup('/ledger?q=abc&light=green')
    await api().reset()
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({})
    expect(api().filters).toEqual({})
  })
})

describe('saved filters', () => {
  beforeEach(() => localStorage.clear())

  it('persists named filters in localStorage and replaces by name', () => {
    const { saved, save, remove } = useSavedFilters()
    save('超期', { overdue: 'true' })
    save('执法中队', { unit_id: '2' })
    save('超期', { overdue: 'true', light: 'red' })
    expect(saved.value.map((s) => s.name)).toEqual(['执法中队', '超期'])
    expect(loadSaved()).toEqual(saved.value)
    remove('执法中队')
    expect(loadSaved()).toEqual([{ name: '超期', query: { overdue: 'true', light: 'red' } }])
  })

  it('survives corrupt storage', () => {
    localStorage.setItem('envgrid.ledger.saved', '{not json')
    expect(loadSaved()).toEqual([])
  })
})
