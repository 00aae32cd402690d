import { describe, expect, it } from 'vitest'
import { overdueColor, overdueShares } from './hooks'
import { NO_DATA_COLOR, OVERDUE_BANDS } from './types'

const p = (grid: number | null, overdue: boolean) => ({
  grid: grid === null ? null : { id: grid, code: String(grid), name: `网格${grid}` },
  sla: { deadline: null, used_ratio: 0, light: null, overdue },
})

describe('map colouring by overdue share', () => {
  it('counts the overdue share of open problems per grid, ignoring points outside every grid', () => {
    const shares = overdueShares([p(1, true), p(1, false), p(1, false), p(1, true), p(2, false), p(null, true)])
    expect(shares.get(1)).toBe(0.5)
    expect(shares.get(2)).toBe(0)
    expect(shares.has(3)).toBe(false)
  })

  it('maps a share to its band, and a grid without open problems to grey', () => {
    expect(overdueColor(undefined)).toBe(NO_DATA_COLOR)
    expect(overdueColor(0)).toBe(OVERDUE_BANDS[0].color)
    expect(overdueColor(0.1)).toBe(OVERDUE_BANDS[1].color)
    expect(overdueColor(0.3)).toBe(OVERDUE_BANDS[2].color)
    expect(overdueColor(1)).toBe(OVERDUE_BANDS[3].color)
  })
})
