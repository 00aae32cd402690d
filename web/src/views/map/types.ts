export interface LayerToggles {
  grids: boolean
  zones: boolean
  problems: boolean
}

/** Display names for zone kinds; unknown kinds show as sent by the server. */
export const ZONE_KIND_LABELS: Record<string, string> = {
  road: '路段（路长制）',
  street: '街巷（街长制）',
  river: '河道（河长制）',
  frontage: '门前责任区',
  site: '建设工地',
  enterprise: '企业',
  station: '监测站周边',
  backstreet: '背街小巷',
  old_compound: '老旧小区',
  urban_village: '城中村',
  market: '农贸市场',
  school: '校园周边',
  railway: '铁路沿线',
}

export const ZONE_KIND_COLORS: Record<string, string> = {
  road: '#7c4dff',
  street: '#7c4dff',
  river: '#0a8fb8',
  frontage: '#e67e22',
  site: '#8d6e63',
  market: '#c2185b',
  school: '#2e7d32',
}

/** Fill colour for a grid by its open-problem count. */
export const OPEN_BANDS: { min: number; color: string; label: string }[] = [
  { min: 0, color: '#cfe8d6', label: '0' },
  { min: 1, color: '#fde9a8', label: '1–4' },
  { min: 5, color: '#f9c184', label: '5–9' },
  { min: 10, color: '#ee7d7d', label: '10+' },
]

/** What the grid fill shows: open problems, the overdue share of them, or patrol coverage. */
export type GridColouring = 'open' | 'overdue' | 'coverage'

/** Fill colour for a grid by the share of its open problems that are overdue. */
export const OVERDUE_BANDS: { min: number; color: string; label: string }[] = [
  { min: 0, color: '#cfe8d6', label: '0' },
  { min: 0.0001, color: '#fde9a8', label: '< 20 %' },
  { min: 0.2, color: '#f9c184', label: '20–50 %' },
  { min: 0.5, color: '#ee7d7d', label: '≥ 50 %' },
]

export const COVERAGE_COLORS = { visited: '#cfe8d6', missed: '#ee7d7d' }
export const NO_DATA_COLOR = '#e4e8ee'
