import { computed, onMounted, ref, shallowRef, watch } from 'vue'
import { isTodo } from '@/utils/todo'
import { useRouter, type LocationQueryRaw } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { statsApi } from '@/api/stats'
import { problemsApi } from '@/api/problems'
import { OPEN_STATES, type Light, type Problem, type StatItem } from '@/api/types'
import type { ChartOption } from '@/utils/echarts'
import { daysAgo, monthStart, today } from '@/utils/format'
import type { Kpi, LightCounts, RangeKey } from './types'

const sum = (items: StatItem[], keys?: string[]) =>
  items.filter((i) => !keys || keys.includes(i.key)).reduce((a, i) => a + i.count, 0)

/** Count from a list response: `total` when the server gives it, else a lower bound. */
async function countOf(filters: Parameters<typeof problemsApi.list>[0]): Promise<{ n: number; more: boolean }> {
  const page = await problemsApi.list(filters, { limit: 1 })
  if (typeof page.total === 'number') return { n: page.total, more: false }
  return { n: page.items.length, more: !!page.next_cursor }
}

export function rangeOf(key: RangeKey, now = new Date()): { from: string; to: string } {
  const to = today(now)
  if (key === 'month') return { from: monthStart(now), to }
  if (key === 'year') return { from: to.slice(0, 5) + '01-01', to }
  return { from: daysAgo(29, now), to }
}

const PALETTE = ['#1d5bd8', '#18a058', '#f0a020', '#d03050', '#7c4dff', '#00a2c7', '#8d6e63', '#546e7a']

export function useDashboard() {
  const { t } = useI18n()
  const router = useRouter()

  const loading = ref(true)
  const error = ref('')
  const range = ref<RangeKey>('d30')
  const kpis = ref<Kpi[]>([])
  const lights = ref<LightCounts>({ green: 0, yellow: 0, red: 0 })
  const trend = shallowRef<StatItem[]>([])
  const byCategory = shallowRef<StatItem[]>([])
  const bySource = shallowRef<StatItem[]>([])
  const byUnit = shallowRef<StatItem[]>([])
  const todos = shallowRef<Problem[]>([])

  async function loadKpis() {
    const td = today()
    const ms = monthStart()
    const [sToday, sMonth, sAll, overdue] = await Promise.all([
      statsApi.problems('state', { from: td, to: td }),
      statsApi.problems('state', { from: ms, to: td }),
      statsApi.problems('state'),
      countOf({ state: OPEN_STATES, overdue: true }),
    ])
    const monthNew = sum(sMonth.items)
    const monthClosed = sum(sMonth.items, ['closed'])
    const monthValid = monthNew - sum(sMonth.items, ['rejected', 'voided'])
    kpis.value = [
      { key: 'todayNew', value: sum(sToday.items), tone: 'blue', query: { from: td, to: td } },
      { key: 'monthNew', value: monthNew, tone: 'cyan', query: { from: ms, to: td } },
      { key: 'open', value: sum(sAll.items, OPEN_STATES), tone: 'orange', query: { state: OPEN_STATES.join(',') } },
      {
        key: 'overdue',
        value: overdue.n,
        suffix: overdue.more ? '+' : '',
        tone: 'red',
        query: { state: OPEN_STATES.join(','), overdue: 'true' },
      },
      { key: 'monthClosed', value: monthClosed, tone: 'green', query: { state: 'closed', from: ms, to: td } },
      {
        key: 'closeRate',
        value: monthValid > 0 ? Math.round((monthClosed / monthValid) * 1000) / 10 : null,
        suffix: '%',
        tone: 'purple',
        query: null,
      },
    ]
  }

  async function loadLights() {
    const states = ['dispatched', 'handled'] as const
    const counts = await Promise.all(
      (['green', 'yellow', 'red'] as Light[]).map((l) => countOf({ state: [...states], light: l })),
    )
    lights.value = { green: counts[0].n, yellow: counts[1].n, red: counts[2].n }
  }

  async function loadBreakdowns() {
    const r = rangeOf(range.value)
    const [d, c, s, u] = await Promise.all([
      statsApi.problems('day', rangeOf('d30')),
      statsApi.problems('category', r),
      statsApi.problems('source', r),
      statsApi.problems('unit', r),
    ])
    trend.value = d.items
    byCategory.value = [...c.items].sort((a, b) => b.count - a.count).slice(0, 10)
    bySource.value = s.items
    byUnit.value = [...u.items].sort((a, b) => b.count - a.count).slice(0, 10)
  }

  async function loadTodos() {
    const page = await problemsApi.list({ state: OPEN_STATES }, { limit: 50 })
    todos.value = page.items.filter(isTodo).slice(0, 8)
  }

  async function load() {
    loading.value = true
    error.value = ''
    const results = await Promise.allSettled([loadKpis(), loadLights(), loadBreakdowns(), loadTodos()])
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined
    if (failed) error.value = failed.reason instanceof Error ? failed.reason.message : String(failed.reason)
    loading.value = false
  }

  watch(range, () => void loadBreakdowns().catch(() => undefined))
  onMounted(load)

  function openLedger(query: LocationQueryRaw | null) {
    if (query) void router.push({ path: '/ledger', query })
  }

  const rangeQuery = computed(() => rangeOf(range.value))

  const trendOption = computed<ChartOption>(() => ({
    color: ['#1d5bd8'],
    grid: { left: 36, right: 16, top: 20, bottom: 28 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category',
      data: trend.value.map((i) => i.key.slice(5)),
      axisLine: { lineStyle: { color: '#c0cad8' } },
      axisLabel: { color: '#5b6b82' },
    },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
    series: [
      {
        type: 'line',
        name: t('dashboard.reported'),
        smooth: true,
        symbolSize: 6,
        data: trend.value.map((i) => i.count),
        areaStyle: {
          color: {
            type: 'linear', x: 0, y: 0, x2: 0, y2: 1,
            colorStops: [
              { offset: 0, color: 'rgba(29,91,216,0.28)' },
              { offset: 1, color: 'rgba(29,91,216,0.02)' },
            ],
          },
        },
      },
    ],
  }))

  const lightsOption = computed<ChartOption>(() => ({
    color: ['#18a058', '#f0a020', '#d03050'],
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'pie',
        radius: ['50%', '76%'],
        center: ['50%', '50%'],
        label: { formatter: '{c}', fontSize: 13 },
        data: (['green', 'yellow', 'red'] as const).map((k) => ({
          name: t('light.' + k),
          value: lights.value[k],
        })),
      },
    ],
  }))

  const categoryOption = computed<ChartOption>(() => {
    const items = [...byCategory.value].reverse()
    return {
      color: ['#1d5bd8'],
      grid: { left: 100, right: 30, top: 6, bottom: 20 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
      yAxis: { type: 'category', data: items.map((i) => i.label), axisLabel: { color: '#34465f', width: 90, overflow: 'truncate' } },
      series: [{ type: 'bar', data: items.map((i) => i.count), barWidth: 12, label: { show: true, position: 'right' }, itemStyle: { borderRadius: [0, 3, 3, 0] } }],
    }
  })

  const sourceOption = computed<ChartOption>(() => ({
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 10 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '68%'],
        center: ['36%', '50%'],
        label: { show: false },
        data: bySource.value.map((i) => ({ name: t('source.' + i.key) !== 'source.' + i.key ? t('source.' + i.key) : i.label, value: i.count })),
      },
    ],
  }))

  const unitOption = computed<ChartOption>(() => {
    const items = [...byUnit.value].reverse()
    return {
      color: ['#00a2c7'],
      grid: { left: 110, right: 30, top: 6, bottom: 20 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef1f6' } } },
      yAxis: { type: 'category', data: items.map((i) => i.label), axisLabel: { color: '#34465f', width: 100, overflow: 'truncate' } },
      series: [{ type: 'bar', data: items.map((i) => i.count), barWidth: 12, label: { show: true, position: 'right' }, itemStyle: { borderRadius: [0, 3, 3, 0] } }],
    }
  })

  function onTrendClick(i: number) {
    const day = trend.value[i]?.key
    if (day) openLedger({ from: day, to: day })
  }
  function onLightClick(i: number) {
    const l = (['green', 'yellow', 'red'] as const)[i]
    if (l) openLedger({ state: 'dispatched,handled', light: l })
  }
  function onCategoryClick(i: number) {
    const item = [...byCategory.value].reverse()[i]
    if (item) openLedger({ category: item.key, ...rangeQuery.value })
  }
  function onSourceClick(i: number) {
    const item = bySource.value[i]
    if (item) openLedger({ source: item.key, ...rangeQuery.value })
  }
  function onUnitClick(i: number) {
    const item = [...byUnit.value].reverse()[i]
    if (item) openLedger({ unit_id: item.key, ...rangeQuery.value })
  }

  return {
    loading,
    error,
    range,
    kpis,
    lights,
    todos,
    trendOption,
    lightsOption,
    categoryOption,
    sourceOption,
    unitOption,
    load,
    openLedger,
    onTrendClick,
    onLightClick,
    onCategoryClick,
    onSourceClick,
    onUnitClick,
  }
}
