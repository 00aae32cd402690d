// The burndown (倒排工期) chart: open tagged problems and remaining work against the
// straight line to zero at the end of the rectification phase.
import { MarkLineComponent } from 'echarts/components'
import type { MarkLineComponentOption } from 'echarts/components'
import type { LineSeriesOption } from 'echarts/charts'
import type { BurndownSeries } from '@/api/campaigns'
import { echarts, type ChartOption } from '@/utils/echarts'

echarts.use([MarkLineComponent])

const WORK_COLORS = ['#1d5bd8', '#7b4fd6', '#0f9b8e', '#c77c02']

export interface BurndownLabels {
  openProblems: string
  idealProblems: string
  remaining: (uom: string) => string
  ideal: (uom: string) => string
  today: string
  problems: string
  work: string
}

export interface BurndownSummary {
  /** Open problems / remaining work on the last day with data (today or the end). */
  openNow: number
  remainingNow: Record<string, number>
  /** What the ideal line expects by then. */
  /** null when the ideal line is flat zero (no problem was open on day one). */
  idealProblemsNow: number | null
  idealWorkNow: Record<string, number>
  uoms: string[]
  daysLeft: number
}

/**
 * Remaining work of the days before any item existed is reported as 0; a leading run
 * of zeros followed by work is "not registered yet" and is left out of the line.
 */
export function trimLeadingZeros(values: (number | null)[]): (number | null)[] {
  const first = values.findIndex((v) => v !== null && v > 0)
  if (first <= 0) return values
  return values.map((v, i) => (i < first ? null : v))
}

function lastActualIndex(s: BurndownSeries, today: string): number {
  let idx = -1
  s.days.forEach((d, i) => {
    if (d.date <= today) idx = i
  })
  return idx
}

export function burndownSummary(s: BurndownSeries | undefined, today: string): BurndownSummary | null {
  if (!s || !s.days.length) return null
  const i = Math.max(0, lastActualIndex(s, today))
  const d = s.days[i]
  const uoms = [...new Set(s.days.flatMap((x) => [...Object.keys(x.ideal_work), ...Object.keys(x.remaining_work)]))]
  return {
    openNow: d.open_problems,
    remainingNow: d.remaining_work,
    idealProblemsNow: s.days.some((x) => x.ideal_problems > 0) ? Math.round(d.ideal_problems * 10) / 10 : null,
    idealWorkNow: d.ideal_work,
    uoms,
    daysLeft: Math.max(0, s.days.length - 1 - i),
  }
}

type Line = LineSeriesOption & { markLine?: MarkLineComponentOption }

/**
 * ECharts option for one burndown series. Days after `today` keep only the ideal
 * lines (the actual values of future days are not known yet).
 */
export function burndownOption(s: BurndownSeries | undefined, today: string, L: BurndownLabels): ChartOption {
  const days = s?.days ?? []
  const x = days.map((d) => d.date.slice(5))
  const future = (date: string) => date > today
  const uoms = [...new Set(days.flatMap((d) => [...Object.keys(d.ideal_work), ...Object.keys(d.remaining_work)]))]
  const todayIdx = days.findIndex((d) => d.date === today)
  const series: Line[] = [
    {
      name: L.openProblems,
      type: 'line',
      yAxisIndex: 0,
      showSymbol: false,
      smooth: false,
      lineStyle: { width: 2.5, color: '#d03050' },
      itemStyle: { color: '#d03050' },
      areaStyle: { color: 'rgba(208,48,80,0.08)' },
      data: days.map((d) => (future(d.date) ? null : d.open_problems)),
      markLine:
        todayIdx >= 0
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#f0a020', type: 'solid', width: 1.5 },
              label: { formatter: L.today, color: '#c77c02', position: 'end' },
              data: [{ xAxis: x[todayIdx] }],
            }
          : undefined,
    },
    {
      name: L.idealProblems,
      type: 'line',
      yAxisIndex: 0,
      showSymbol: false,
      lineStyle: { width: 1.5, type: 'dashed', color: '#e07a8f' },
      itemStyle: { color: '#e07a8f' },
      data: days.map((d) => Math.round(d.ideal_problems * 10) / 10),
    },
  ]
  uoms.forEach((u, i) => {
    const color = WORK_COLORS[i % WORK_COLORS.length]
    series.push(
      {
        name: L.remaining(u),
        type: 'line',
        yAxisIndex: 1,
        showSymbol: true,
        symbolSize: 5,
        lineStyle: { width: 2.5, color },
        itemStyle: { color },
        data: trimLeadingZeros(days.map((d) => (future(d.date) ? null : (d.remaining_work[u] ?? 0)))),
      },
      {
        name: L.ideal(u),
        type: 'line',
        yAxisIndex: 1,
        showSymbol: false,
        lineStyle: { width: 1.5, type: 'dashed', color, opacity: 0.55 },
        itemStyle: { color },
        data: days.map((d) => Math.round((d.ideal_work[u] ?? 0) * 100) / 100),
      },
    )
  })
  return {
    color: ['#d03050', '#e07a8f', ...WORK_COLORS],
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : String(v)) },
    legend: { top: 0, itemWidth: 18, itemHeight: 8, textStyle: { fontSize: 12 } },
    grid: { left: 48, right: uoms.length ? 56 : 24, top: 40, bottom: 28 },
    xAxis: {
      type: 'category',
      data: x,
      boundaryGap: false,
      axisLabel: { color: '#5b6b82' },
      axisLine: { lineStyle: { color: '#c9d3e1' } },
    },
    yAxis: [
      {
        type: 'value',
        name: L.problems,
        minInterval: 1,
        nameTextStyle: { color: '#5b6b82' },
        splitLine: { lineStyle: { color: '#edf1f7' } },
      },
      {
        type: 'value',
        name: uoms.length ? L.work : '',
        show: uoms.length > 0,
        nameTextStyle: { color: '#5b6b82' },
        splitLine: { show: false },
      },
    ],
    series,
  }
}
