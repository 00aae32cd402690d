import type { LocationQueryRaw } from 'vue-router'

export interface Kpi {
  key: 'todayNew' | 'monthNew' | 'open' | 'overdue' | 'monthClosed' | 'closeRate'
  value: number | null
  /** Shown after the number, e.g. "%" or "+" when only a lower bound is known. */
  suffix?: string
  tone: 'blue' | 'cyan' | 'orange' | 'red' | 'green' | 'purple'
  /** Ledger query the figure opens; null = not clickable. */
  query: LocationQueryRaw | null
}

export type RangeKey = 'month' | 'd30' | 'year'

export interface LightCounts {
  green: number
  yellow: number
  red: number
}
