// Demo town for the dev-only mock API: 将军路街道 with 12 grids, zones, units,
// categories, demo users and ~160 problems spread over the last 60 days.
import type {
  Category,
  DemoLogin,
  Grid,
  Light,
  Problem,
  ProblemSource,
  ProblemState,
  Role,
  Unit,
  User,
  Zone,
} from '@/api/types'

export function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const units: Unit[] = [
  { id: 1, code: '370302003000', name: '将军路街道办事处', type: 'street', parent_id: null, principal: '王建国' },
  { id: 2, code: '370302003901', name: '街道综合执法中队', type: 'department', parent_id: 1, principal: '李强' },
  { id: 3, code: '370302003902', name: '街道环卫所', type: 'department', parent_id: 1, principal: '张伟' },
  { id: 4, code: '370302003903', name: '市场监管所', type: 'department', parent_id: 1, principal: '刘洋' },
  { id: 5, code: '370302003904', name: '街道住建办', type: 'department', parent_id: 1, principal: '陈明' },
  { id: 6, code: '370302003001', name: '般阳社区居委会', type: 'community', parent_id: 1, principal: '赵敏' },
  { id: 7, code: '370302003002', name: '将军路社区居委会', type: 'community', parent_id: 1, principal: '孙丽' },
  { id: 8, code: '370302003003', name: '松龄社区居委会', type: 'community', parent_id: 1, principal: '周杰' },
  { id: 9, code: '370302003201', name: '西关村村委会', type: 'village', parent_id: 1, principal: '吴涛' },
  { id: 10, code: '370302003905', name: '华能热电有限公司', type: 'enterprise', parent_id: 1, principal: '郑凯' },
]

const COMMUNITY_OF_COL = [6, 7, 8, 9]
const LNG0 = 117.95
const LAT0 = 36.63
const DLNG = 0.009
const DLAT = 0.007

export interface GridGeo extends Grid {
  bbox: [number, number, number, number]
}

export const grids: GridGeo[] = []
for (let r = 0; r < 3; r++)
  for (let c = 0; c < 4; c++) {
    const seq = r * 4 + c + 1
    const comm = COMMUNITY_OF_COL[c]
    grids.push({
      id: seq,
      code: `370302003${String(comm - 5).padStart(3, '0')}${String(seq).padStart(3, '0')}`,
      name: `${units[comm - 1].name.replace(/居委会|村委会/, '')}第${r + 1}网格`,
      community_unit_id: comm,
      worker_ids: [seq === 1 || seq === 2 ? 4 : 100 + seq],
      leader_id: 6,
      bbox: [LNG0 + c * DLNG, LAT0 + r * DLAT, LNG0 + (c + 1) * DLNG, LAT0 + (r + 1) * DLAT],
    })
  }

export interface ZoneGeo extends Zone {
  ring: [number, number][]
}

const rect = (a: number, b: number, c: number, d: number): [number, number][] => [
  [a, b], [c, b], [c, d], [a, d], [a, b],
]
export const zones: ZoneGeo[] = [
  { id: 1, name: '将军路（般阳路—松龄路）路段', kind: 'road', units: [{ unit_id: 2, duty: '路长' }], ring: rect(LNG0, 36.6405, LNG0 + 4 * DLNG, 36.6415) },
  { id: 2, name: '孝妇河将军路段', kind: 'river', units: [{ unit_id: 3, duty: '河长' }], ring: [[117.974, 36.63], [117.977, 36.63], [117.971, 36.651], [117.968, 36.651], [117.974, 36.63]] },
  { id: 3, name: '般阳农贸市场', kind: 'market', units: [{ unit_id: 4, duty: '市场监管' }], ring: rect(117.953, 36.632, 117.957, 36.635) },
  { id: 4, name: '实验小学校园周边', kind: 'school', units: [{ unit_id: 7, duty: '包保' }], ring: rect(117.962, 36.645, 117.966, 36.648) },
  { id: 5, name: '松龄路沿街商户门前责任区', kind: 'frontage', units: [{ unit_id: 4, duty: '门前五包' }, { unit_id: 8, duty: '属地' }], ring: rect(117.972, 36.636, 117.984, 36.6372) },
  { id: 6, name: '华能热电厂区及料场', kind: 'site', units: [{ unit_id: 10, duty: '企业主体' }, { unit_id: 5, duty: '监管' }], ring: rect(117.979, 36.645, 117.985, 36.65) },
]

const cat = (code: string, name: string, parent: string | null, hours: number, kind: 'working' | 'natural', unit_type: string | null, after = true, deduction = 1): Category => ({
  code, name, parent_code: parent, limit: parent ? { hours, kind } : null, unit_type, after_photo_required: after, deduction,
  filing_standard: parent ? `发现${name}即立案` : null, closing_standard: parent ? `${name}已清理整改，现场整洁，照片清晰` : null,
})
export const categories: Category[] = [
  cat('06', '市容环境', null, 0, 'working', null),
  cat('06010', '暴露垃圾', '06', 4, 'working', 'department'),
  cat('06011', '积存垃圾渣土', '06', 24, 'working', 'department'),
  cat('06012', '道路不洁', '06', 4, 'working', 'department'),
  cat('06014', '道路遗撒', '06', 2, 'natural', 'department'),
  cat('06001', '私搭乱建', '06', 120, 'working', 'department', true, 2),
  cat('06030', '乱倒污水', '06', 8, 'working', 'community'),
  cat('06036', '乱堆杂物', '06', 8, 'working', 'community'),
  cat('07', '宣传广告', null, 0, 'working', null),
  cat('07001', '非法小广告', '07', 8, 'working', 'community', true, 0.5),
  cat('07003', '违规户外广告', '07', 40, 'working', 'department'),
  cat('08', '施工管理', null, 0, 'working', null),
  cat('08004', '工地扬尘', '08', 4, 'natural', 'department', true, 2),
  cat('08011', '渣土车未密闭', '08', 2, 'natural', 'department'),
  cat('09', '街面秩序', null, 0, 'working', null),
  cat('09005', '店外经营', '09', 4, 'working', 'department', false),
  cat('09006', '占道经营', '09', 4, 'working', 'department', false),
  cat('09009', '机动车乱停放', '09', 2, 'working', 'department', false),
  cat('09010', '非机动车乱停放', '09', 4, 'working', 'community', false),
  cat('90', '地方扩展', null, 0, 'working', null),
  cat('90001', '乱涂乱画', '90', 16, 'working', 'community'),
  cat('90002', '残垣断壁', '90', 80, 'working', 'village', true, 2),
  cat('90003', '空中蜘蛛网/弱电线路', '90', 80, 'working', 'department'),
  cat('90004', '三大堆/四大堆', '90', 40, 'working', 'village'),
  cat('90005', '畜禽散养', '90', 24, 'working', 'village'),
  cat('90006', '裸露土地', '90', 120, 'working', 'department'),
  cat('90007', '门前五包不落实', '90', 8, 'working', 'department'),
  cat('90008', '河道垃圾', '90', 24, 'working', 'department'),
]

export const demoPassword = 'demo1234'
export const users: User[] = [
  { id: 1, username: 'admin', display_name: '王主任', roles: ['admin'], unit_id: 1, grid_ids: [], disabled: false },
  { id: 2, username: 'dispatcher', display_name: '李娜', roles: ['dispatcher'], unit_id: 1, grid_ids: [], disabled: false },
  { id: 3, username: 'inspector', display_name: '赵刚', roles: ['inspector'], unit_id: 1, grid_ids: [], disabled: false },
  { id: 4, username: 'gridworker', display_name: '孙晓', roles: ['grid_worker'], unit_id: 6, grid_ids: [1, 2], disabled: false },
  { id: 5, username: 'unit', display_name: '刘勇', roles: ['unit_handler'], unit_id: 2, grid_ids: [], disabled: false },
  { id: 6, username: 'leader', display_name: '陈书记', roles: ['leader'], unit_id: 1, grid_ids: [], disabled: false },
  { id: 7, username: 'viewer', display_name: '区城管局观察员', roles: ['viewer'], unit_id: null, grid_ids: [], disabled: false },
  { id: 8, username: 'zhanghb', display_name: '张海滨', roles: ['grid_worker'], unit_id: 7, grid_ids: [3, 4], disabled: true },
]
export const demoLogins: DemoLogin[] = users
  .filter((u) => !u.disabled)
  .map((u) => ({ username: u.username, password: demoPassword, role: u.roles[0] as Role, display_name: u.display_name }))

const STREETS = ['将军路', '般阳路', '松龄路', '柳泉路', '西关街', '孝妇河东路', '新建路', '商场街']
const DESCS: Record<string, string> = {
  '06010': '路边绿化带内有暴露垃圾约两平方米，未及时清运',
  '06012': '路面有泥土和落叶，保洁不到位',
  '06036': '楼道口堆放废旧家具及杂物',
  '07001': '电线杆、墙面张贴大量小广告',
  '08004': '工地出入口车辆未冲洗，现场扬尘明显',
  '09005': '沿街商户在门前摆放货架，超出门窗经营',
  '09006': '流动摊贩占用人行道经营',
  '09009': '机动车占用盲道停放',
  '90002': '空置房屋院墙倒塌，存在安全隐患',
  '90004': '村口柴草堆、粪堆未清理',
}

function svgPhoto(label: string, hue: number, seed: number): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},35%,62%)"/><stop offset="1" stop-color="hsl(${hue + 30},30%,38%)"/></linearGradient></defs><rect width="480" height="320" fill="url(#g)"/><rect x="${40 + (seed % 120)}" y="150" width="${120 + (seed % 80)}" height="90" fill="rgba(0,0,0,.18)"/><rect x="0" y="250" width="480" height="70" fill="rgba(255,255,255,.15)"/><text x="20" y="40" font-size="26" fill="#fff" font-family="sans-serif">${label}</text></svg>`
  return 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg)
}
export { svgPhoto }

const hex = (n: number, r: () => number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('')

export function iso(ms: number): string {
  const d = new Date(ms + 8 * 3600000)
  return d.toISOString().slice(0, 19) + '+08:00'
}

export interface MockProblem extends Problem {
  _reported_ms: number
  _deadline_ms: number | null
  _limit_ms: number
  _ext_pending: boolean
}

const STATE_WEIGHTS: [ProblemState, number][] = [
  ['reported', 8], ['registered', 6], ['dispatched', 30], ['handled', 12], ['closed', 40], ['rejected', 2], ['voided', 2],
]
const SOURCES: [ProblemSource, number][] = [
  ['patrol', 50], ['inspection', 15], ['covert', 6], ['higher_level', 8], ['media', 3], ['citizen', 12], ['self_check', 6],
]
function pick<T>(r: () => number, w: [T, number][]): T {
  const total = w.reduce((a, [, n]) => a + n, 0)
  let x = r() * total
  for (const [v, n] of w) if ((x -= n) < 0) return v
  return w[0][0]
}

export const SOURCE_LABELS: Record<ProblemSource, string> = {
  patrol: '网格巡查', inspection: '督查检查', covert: '暗访', higher_level: '上级交办', media: '媒体曝光', citizen: '群众投诉', self_check: '单位自查',
}
export const STATE_LABELS: Record<ProblemState, string> = {
  reported: '待受理', rejected: '不予受理', registered: '已立案', dispatched: '处置中', handled: '待核查', closed: '已结案', voided: '已作废',
}

export function gridAt(lng: number, lat: number): GridGeo | null {
  return grids.find((g) => lng >= g.bbox[0] && lng < g.bbox[2] && lat >= g.bbox[1] && lat < g.bbox[3]) ?? null
}
export function zonesAt(lng: number, lat: number): ZoneGeo[] {
  return zones.filter((z) => {
    let inside = false
    const r = z.ring
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [xi, yi] = r[i]
      const [xj, yj] = r[j]
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside
    }
    return inside
  })
}
export function suggestUnit(code: string, lng: number, lat: number): { id: number; name: string; reason: string }[] {
  const out: { id: number; name: string; reason: string }[] = []
  const c = categories.find((x) => x.code === code)
  for (const z of zonesAt(lng, lat))
    for (const zu of z.units) {
      const u = units[zu.unit_id - 1]
      if (!c?.unit_type || u.type === c.unit_type) out.push({ id: u.id, name: u.name, reason: `${z.name}（${zu.duty}）` })
    }
  const g = gridAt(lng, lat)
  if (c?.unit_type === 'department' && !out.length) out.push({ id: 2, name: units[1].name, reason: '类别默认责任部门' })
  if (g?.community_unit_id) out.push({ id: g.community_unit_id, name: units[g.community_unit_id - 1].name, reason: `${g.name}所属社区` })
  return out.filter((x, i) => out.findIndex((y) => y.id === x.id) === i)
}

export function slaOf(p: Pick<MockProblem, 'state' | 'suspended' | '_deadline_ms' | '_limit_ms'>, now: number) {
  if (p._deadline_ms === null || !['dispatched', 'handled'].includes(p.state))
    return { deadline: p._deadline_ms ? iso(p._deadline_ms) : null, used_ratio: p.state === 'closed' ? 0.6 : 0, light: null as Light | null, overdue: false }
  const used = 1 - (p._deadline_ms - now) / p._limit_ms
  const light: Light = used > 1 ? 'red' : used >= 0.8 ? 'yellow' : 'green'
  return { deadline: iso(p._deadline_ms), used_ratio: Math.max(0, Math.round(used * 100) / 100), light, overdue: used > 1 }
}

export function makeProblems(now: number): MockProblem[] {
  const r = rng(20240913)
  const leaves = categories.filter((c) => c.parent_code)
  const out: MockProblem[] = []
  for (let i = 0; i < 160; i++) {
    const c = leaves[Math.floor(r() * leaves.length)]
    const g = grids[Math.floor(r() * grids.length)]
    const outside = r() < 0.03
    const lng = outside ? 117.99 + r() * 0.004 : g.bbox[0] + r() * (g.bbox[2] - g.bbox[0])
    const lat = outside ? 36.62 + r() * 0.004 : g.bbox[1] + r() * (g.bbox[3] - g.bbox[1])
    const ageDays = Math.pow(r(), 1.6) * 60
    const reported = now - ageDays * 86400000
    let state = pick(r, STATE_WEIGHTS)
    if (ageDays < 1 && state === 'closed') state = 'dispatched'
    const source = pick(r, SOURCES)
    const sugg = suggestUnit(c.code, lng, lat)
    const unit = ['dispatched', 'handled', 'closed'].includes(state) ? (r() < 0.35 ? units[1] : units[(sugg[0]?.id ?? 2) - 1]) : null
    const limitMs = (c.limit?.hours ?? 8) * 3600000 * (c.limit?.kind === 'working' ? 3 : 1)
    const dispatched = unit ? reported + (0.5 + r() * 4) * 3600000 : null
    // Open cases get a deadline that spreads them over green/yellow/red.
    const deadline = !dispatched ? null : ['dispatched', 'handled'].includes(state) ? now + limitMs * (1 - (0.1 + r() * 1.25)) : dispatched + limitMs
    const handled = ['handled', 'closed'].includes(state) && dispatched ? dispatched + limitMs * (0.3 + r() * 0.9) : null
    const closed = state === 'closed' && handled ? handled + r() * 6 * 3600000 : null
    const street = STREETS[Math.floor(r() * STREETS.length)]
    const reporter = users[[3, 3, 3, 2, 1][Math.floor(r() * 5)]]
    const d = new Date(reported + 8 * 3600000)
    const number = `${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(i + 1).padStart(4, '0')}`
    const grid = outside ? null : { id: g.id, code: g.code, name: g.name }
    const attachments: Problem['attachments'] = [
      { id: 1000 + i * 3, role: 'before', thumbnail_url: svgPhoto(`整改前 · ${c.name}`, 20 + (i % 7) * 8, i), url: '', taken_at: iso(reported - 60000), lng: lng + 0.0001, lat, },
    ]
    if (handled) attachments.push({ id: 1001 + i * 3, role: 'after', thumbnail_url: svgPhoto(`整改后 · ${c.name}`, 120 + (i % 5) * 10, i + 7), url: '', taken_at: i % 9 === 0 ? null : iso(handled - 120000), lng: i % 11 === 0 ? lng + 0.003 : lng, lat: i % 11 === 0 ? lat + 0.002 : lat })
    attachments.forEach((a) => (a.url = a.thumbnail_url))
    const evidence = attachments
      .filter((a) => a.role === 'after')
      .flatMap((a) => [
        ...(a.taken_at ? [] : [{ attachment_id: a.id, code: 'no_exif_time', label: '照片无拍摄时间' }]),
        ...(i % 11 === 0 ? [{ attachment_id: a.id, code: 'far_from_problem', label: '拍摄位置距问题点超过100米' }] : []),
      ])
    const rework = state !== 'reported' && r() < 0.08 ? 1 : 0
    const base = {
      id: i + 1, number, state, state_label: STATE_LABELS[state], suspended: state === 'dispatched' && r() < 0.04,
      source, source_label: SOURCE_LABELS[source], category_code: c.code, category_name: c.name, lng, lat,
      address: `${street}${Math.floor(r() * 300) + 1}号附近`, description: DESCS[c.code] ?? `${street}发现${c.name}问题，需尽快处置`,
      grid, zones: zonesAt(lng, lat).map((z) => ({ id: z.id, name: z.name, kind: z.kind })),
      suggested_unit: sugg[0] ? { id: sugg[0].id, name: sugg[0].name } : null,
      unit: unit ? { id: unit.id, name: unit.name } : null, assist_units: unit && r() < 0.1 ? [{ id: 3, name: units[2].name }] : [],
      reporter: { id: reporter.id, display_name: reporter.display_name }, reported_at: iso(reported),
      dispatched_at: dispatched ? iso(dispatched) : null, handled_at: handled ? iso(handled) : null, closed_at: closed ? iso(closed) : null,
      flags: { outside_grid: outside, duplicate_of: null, rebound_of: i % 23 === 5 && i > 20 ? { id: i - 12, number: `20240801${String(i - 12).padStart(4, '0')}` } : null, evidence },
      rework_count: rework, return_count: r() < 0.05 ? 1 : 0, campaign_id: null,
      outcome: handled ? { kind: 'clear', label: '清运', quantity: Math.round(r() * 30) / 10 + 0.5, unit: '吨' } : null,
      attachments, allowed_actions: [], version: 1 + rework,
      _reported_ms: reported, _deadline_ms: deadline, _limit_ms: limitMs, _ext_pending: false,
      sla: { deadline: null, used_ratio: 0, light: null, overdue: false },
    } satisfies MockProblem
    // Make open problems past their deadline plausible: some overdue, some in warning.
    out.push(base)
  }
  return out
}

export { hex }
