// Request handlers of the dev-only mock API. They follow the /api/v1 contract
// closely enough to click through every page, including the problem lifecycle.
import type { HistoryEntry, Problem, ProblemState, Role, User } from '@/api/types'
import {
  categories, demoLogins, demoPassword, gridAt, grids, hex, iso, makeProblems, rng, slaOf, STATE_LABELS,
  suggestUnit, svgPhoto, units, users, zones, zonesAt, type MockProblem,
} from './fixtures'

export interface MockRequest {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  form: FormData | null
  csrf?: string
}
export interface MockResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
  blob?: Blob
}

const json = (body: unknown, status = 200): MockResponse => ({ status, body })
const problemJson = (status: number, title: string, extra: Record<string, unknown> = {}): MockResponse => ({
  status, body: { type: 'about:blank', title, status, ...extra }, headers: { 'content-type': 'application/problem+json' },
})

const now = () => Date.now()
const problems: MockProblem[] = makeProblems(now())
const histories = new Map<number, HistoryEntry[]>()
let nextAttachment = 50000
const uploads = new Map<number, { url: string; taken_at: string | null; lng: number | null; lat: number | null }>()
const r = rng(7)

// State survives page loads within one browser profile (localStorage), so a
// scripted walk through several pages and sign-ins sees its own changes.
const STATE_KEY = 'envgrid.mock.state'
try {
  const saved = JSON.parse(localStorage.getItem(STATE_KEY) || 'null') as {
    problems: MockProblem[]
    histories: [number, HistoryEntry[]][]
    nextAttachment: number
  } | null
  if (saved && Array.isArray(saved.problems)) {
    problems.splice(0, problems.length, ...saved.problems)
    for (const [k, v] of saved.histories) histories.set(k, v)
    nextAttachment = saved.nextAttachment
  }
} catch {
  localStorage.removeItem(STATE_KEY)
}
function persist() {
  try {
    localStorage.setItem(STATE_KEY, JSON.stringify({ problems, histories: [...histories], nextAttachment }))
  } catch {
    // quota: the demo keeps working in memory
  }
}

const SESSION_KEY = 'envgrid.mock.user'
function currentUser(): User | null {
  const id = Number(sessionStorage.getItem(SESSION_KEY) || 0)
  return users.find((u) => u.id === id) ?? null
}

const ACTION_LABELS: Record<string, string> = {
  report: '上报', accept: '受理立案', reject: '不予受理', dispatch: '派遣', handle: '处置反馈', verify_pass: '核查通过',
  verify_fail: '核查不通过（返工）', return: '退回', request_extension: '申请延期', approve_extension: '批准延期',
  suspend: '挂账', resume: '恢复处置', void: '作废',
}

function addHistory(p: MockProblem, action: string, actor: { id: number; display_name: string }, from: ProblemState | null, to: ProblemState | null, comment: string | null, at: number) {
  const list = histories.get(p.id) ?? []
  list.push({ seq: list.length + 1, action, action_label: ACTION_LABELS[action] ?? action, actor, from_state: from, to_state: to, comment, at: iso(at), hash: hex(64, r) })
  histories.set(p.id, list)
}
function historyOf(p: MockProblem): HistoryEntry[] {
  if (!histories.has(p.id)) {
    const rep = p.reporter
    const disp = { id: 2, display_name: '李娜' }
    addHistory(p, 'report', rep, null, 'reported', null, p._reported_ms)
    if (p.state === 'rejected') addHistory(p, 'reject', disp, 'reported', 'rejected', '不属于城市管理范围', p._reported_ms + 1800000)
    if (p.state === 'voided') addHistory(p, 'void', disp, 'registered', 'voided', '重复上报', p._reported_ms + 1800000)
    if (p.state !== 'reported' && p.state !== 'rejected' && p.state !== 'voided') addHistory(p, 'accept', disp, 'reported', 'registered', null, p._reported_ms + 1200000)
    if (p.dispatched_at) addHistory(p, 'dispatch', disp, 'registered', 'dispatched', `请${p.unit?.name}按时限处置`, Date.parse(p.dispatched_at))
    if (p.handled_at) addHistory(p, 'handle', { id: 5, display_name: '刘勇' }, 'dispatched', 'handled', '已清理完毕', Date.parse(p.handled_at))
    if (p.closed_at) addHistory(p, 'verify_pass', { id: 3, display_name: '赵刚' }, 'handled', 'closed', '现场核查整改到位', Date.parse(p.closed_at))
  }
  return histories.get(p.id) ?? []
}

function visible(u: User, p: MockProblem): boolean {
  if (u.roles.some((x) => ['admin', 'dispatcher', 'inspector', 'leader', 'viewer'].includes(x))) return true
  if (u.roles.includes('unit_handler') && (p.unit?.id === u.unit_id || p.assist_units.some((a) => a.id === u.unit_id))) return true
  if (u.roles.includes('grid_worker') && ((p.grid && u.grid_ids.includes(p.grid.id)) || p.reporter.id === u.id)) return true
  return false
}

function allowed(u: User, p: MockProblem): string[] {
  const has = (...rs: Role[]) => rs.some((x) => u.roles.includes(x)) || u.roles.includes('admin')
  const out: string[] = []
  if (p.state === 'reported' && has('dispatcher')) out.push('accept', 'dispatch', 'reject')
  if (p.state === 'registered' && has('dispatcher')) out.push('dispatch', 'void')
  if (p.state === 'dispatched') {
    const mine = u.roles.includes('unit_handler') && p.unit?.id === u.unit_id
    if ((mine || u.roles.includes('admin')) && !p.suspended) out.push('handle', 'return', 'request_extension')
    if (has('dispatcher')) {
      if (p._ext_pending) out.push('approve_extension')
      out.push(p.suspended ? 'resume' : 'suspend')
    }
  }
  if (p.state === 'handled' && (has('inspector', 'dispatcher') || (u.roles.includes('grid_worker') && p.grid && u.grid_ids.includes(p.grid.id))))
    out.push('verify_pass', 'verify_fail')
  return [...new Set(out)]
}

function view(u: User, p: MockProblem): Problem {
  const { _reported_ms, _deadline_ms, _limit_ms, _ext_pending, ...rest } = p
  void _reported_ms; void _ext_pending
  return { ...rest, state_label: STATE_LABELS[p.state], sla: slaOf({ state: p.state, suspended: p.suspended, _deadline_ms, _limit_ms }, now()), allowed_actions: allowed(u, p) }
}

function dateOf(ms: number): string {
  return iso(ms).slice(0, 10)
}

function filtered(u: User, q: URLSearchParams): MockProblem[] {
  const states = q.get('state')?.split(',').filter(Boolean)
  const t = now()
  return problems
    .filter((p) => visible(u, p))
    .filter((p) => !states || states.includes(p.state))
    .filter((p) => !q.get('category') || p.category_code === q.get('category') || p.category_code.startsWith(q.get('category') as string))
    .filter((p) => !q.get('source') || p.source === q.get('source'))
    .filter((p) => !q.get('unit_id') || String(p.unit?.id) === q.get('unit_id'))
    .filter((p) => !q.get('grid_id') || String(p.grid?.id) === q.get('grid_id'))
    .filter((p) => !q.get('light') || slaOf(p, t).light === q.get('light'))
    .filter((p) => q.get('overdue') !== 'true' || slaOf(p, t).overdue)
    .filter((p) => !q.get('from') || dateOf(p._reported_ms) >= (q.get('from') as string))
    .filter((p) => !q.get('to') || dateOf(p._reported_ms) <= (q.get('to') as string))
    .filter((p) => { const s = q.get('q'); return !s || p.number.includes(s) || p.address.includes(s) || p.description.includes(s) })
    .sort((a, b) => b._reported_ms - a._reported_ms)
}

function stats(u: User, q: URLSearchParams) {
  const by = q.get('group_by') ?? 'state'
  const sub = new URLSearchParams()
  if (q.get('from')) sub.set('from', q.get('from') as string)
  if (q.get('to')) sub.set('to', q.get('to') as string)
  const list = filtered(u, sub)
  const m = new Map<string, { key: string; label: string; count: number }>()
  const bump = (key: string, label: string) => {
    const e = m.get(key) ?? { key, label, count: 0 }
    e.count++
    m.set(key, e)
  }
  for (const p of list) {
    if (by === 'state') bump(p.state, STATE_LABELS[p.state])
    else if (by === 'category') bump(p.category_code, p.category_name)
    else if (by === 'source') bump(p.source, p.source_label)
    else if (by === 'unit' && p.unit) bump(String(p.unit.id), p.unit.name)
    else if (by === 'grid' && p.grid) bump(String(p.grid.id), p.grid.name)
    else if (by === 'day') bump(dateOf(p._reported_ms), dateOf(p._reported_ms))
  }
  if (by === 'day') {
    const from = q.get('from') ?? dateOf(now() - 29 * 86400000)
    const to = q.get('to') ?? dateOf(now())
    for (let t = Date.parse(from + 'T00:00:00+08:00'); dateOf(t) <= to; t += 86400000)
      if (!m.has(dateOf(t))) m.set(dateOf(t), { key: dateOf(t), label: dateOf(t), count: 0 })
    return [...m.values()].sort((a, b) => a.key.localeCompare(b.key))
  }
  return [...m.values()]
}

function geo(features: { id: number; code?: string; name: string; kind?: string; ring: [number, number][]; open_count?: number }[]) {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: { id: f.id, code: f.code, name: f.name, kind: f.kind, open_count: f.open_count },
      geometry: { type: 'Polygon', coordinates: [f.ring] },
    })),
  }
}

function act(u: User, p: MockProblem, b: Record<string, unknown>): MockResponse {
  const action = String(b.action)
  if (b.version !== p.version) return problemJson(409, '问题已被他人更新', { detail: `当前版本 ${p.version}`, allowed_actions: allowed(u, p) })
  if (!allowed(u, p).includes(action)) return problemJson(409, '当前状态不允许该操作', { detail: `状态：${STATE_LABELS[p.state]}`, allowed_actions: allowed(u, p) })
  const from = p.state
  const t = now()
  const comment = typeof b.comment === 'string' ? b.comment : null
  const requireComment = ['reject', 'verify_fail', 'return', 'void', 'suspend', 'request_extension', 'handle'].includes(action)
  if (requireComment && !comment) return problemJson(422, '提交的数据未通过校验', { errors: [{ field: 'comment', message: '请填写说明' }] })
  switch (action) {
    case 'accept': p.state = 'registered'; break
    case 'reject': p.state = 'rejected'; break
    case 'void': p.state = 'voided'; break
    case 'dispatch': {
      const unit = units.find((x) => x.id === b.unit_id)
      if (!unit) return problemJson(422, '提交的数据未通过校验', { errors: [{ field: 'unit_id', message: '请选择责任单位' }] })
      p.state = 'dispatched'; p.unit = { id: unit.id, name: unit.name }
      p.assist_units = ((b.assist_unit_ids as number[]) ?? []).map((id) => ({ id, name: units[id - 1]?.name ?? `#${id}` }))
      p.dispatched_at = iso(t); p._deadline_ms = typeof b.deadline === 'string' ? Date.parse(b.deadline) : t + p._limit_ms
      break
    }
    case 'handle': {
      const ids = (b.attachment_ids as number[]) ?? []
      const c = categories.find((x) => x.code === p.category_code)
      if (c?.after_photo_required && !ids.length) return problemJson(422, '该类别要求上传整改后照片', { errors: [{ field: 'attachment_ids', message: '请上传整改后照片' }] })
      for (const id of ids) { const a = uploads.get(id); if (a) p.attachments.push({ id, role: 'after', thumbnail_url: a.url, url: a.url, taken_at: a.taken_at, lng: a.lng, lat: a.lat }) }
      const o = b.outcome as { kind: string; quantity: number } | undefined
      if (!o) return problemJson(400, '提交的数据未通过校验', { errors: [{ field: 'outcome', message: '请填写处置结果' }] })
      p.outcome = { ...o, unit: '处' }
      p.state = 'handled'; p.handled_at = iso(t); break
    }
    case 'verify_pass': p.state = 'closed'; p.closed_at = iso(t); break
    case 'verify_fail': p.state = 'dispatched'; p.rework_count++; p._deadline_ms = t + p._limit_ms; p.handled_at = null; break
    case 'return': p.state = 'registered'; p.return_count++; p.unit = null; p._deadline_ms = null; break
    case 'request_extension': p._ext_pending = true; break
    case 'approve_extension': p._ext_pending = false; p._deadline_ms = (p._deadline_ms ?? t) + Number(b.hours ?? 8) * 3600000; break
    case 'suspend': p.suspended = true; break
    case 'resume': p.suspended = false; break
  }
  p.version++
  historyOf(p)
  addHistory(p, action, { id: u.id, display_name: u.display_name }, from, p.state, comment, t)
  return json(view(u, p))
}

export function handle(req: MockRequest): MockResponse {
  const res = route(req)
  if (req.method !== 'GET' && res.status < 300) persist()
  return res
}

function route(req: MockRequest): MockResponse {
  const { method, path, query: q } = req
  const body = (req.body ?? {}) as Record<string, unknown>
  if (path === '/health') return json({ status: 'ok', db: 'mock', version: 'mock' })
  if (path === '/demo/logins') return json(demoLogins)
  if (path === '/session') {
    if (method === 'POST') {
      const u = users.find((x) => x.username === body.username)
      if (!u || body.password !== demoPassword || u.disabled) return problemJson(401, '用户名或密码错误')
      sessionStorage.setItem(SESSION_KEY, String(u.id))
    } else if (method === 'DELETE') {
      sessionStorage.removeItem(SESSION_KEY)
      return { status: 204 }
    }
    const u = currentUser()
    if (!u) return problemJson(401, '未登录')
    const unit = u.unit_id ? units[u.unit_id - 1] : null
    return json({ token: 'mock-token', csrf_token: 'mock-csrf', user: { id: u.id, username: u.username, display_name: u.display_name, roles: u.roles, unit: unit ? { id: unit.id, name: unit.name } : null, grid_ids: u.grid_ids } })
  }
  const u = currentUser()
  if (!u) return problemJson(401, '登录已失效，请重新登录')
  if (method !== 'GET' && req.csrf !== 'mock-csrf') return problemJson(403, 'CSRF 校验失败')

  if (path === '/units') return json({ items: units })
  if (path === '/grids') return json({ items: grids.map(({ bbox, ...g }) => (void bbox, g)) })
  if (path === '/zones') return json({ items: zones.map(({ ring, ...z }) => (void ring, z)) })
  if (path === '/categories') return json({ items: categories })
  if (path === '/users') return u.roles.includes('admin') ? json({ items: users }) : problemJson(403, '没有权限执行此操作')
  if (path === '/grids.geojson') {
    const open = problems.filter((p) => ['reported', 'registered', 'dispatched', 'handled'].includes(p.state))
    return json(geo(grids.map((g) => ({ id: g.id, code: g.code, name: g.name, ring: [[g.bbox[0], g.bbox[1]], [g.bbox[2], g.bbox[1]], [g.bbox[2], g.bbox[3]], [g.bbox[0], g.bbox[3]], [g.bbox[0], g.bbox[1]]], open_count: open.filter((p) => p.grid?.id === g.id).length }))))
  }
  if (path === '/zones.geojson') return json(geo(zones))
  if (path === '/geo/lookup') {
    const lng = Number(q.get('lng')), lat = Number(q.get('lat'))
    const g = gridAt(lng, lat)
    return json({ grid: g ? { id: g.id, code: g.code, name: g.name } : null, zones: zonesAt(lng, lat).map((z) => ({ id: z.id, name: z.name, kind: z.kind })), suggested_units: suggestUnit('06010', lng, lat) })
  }
  if (path === '/stats/problems') return json({ items: stats(u, q) })
  if (path === '/reports/ledger.xlsx') {
    const rows = filtered(u, q).map((p) => [p.number, p.category_name, STATE_LABELS[p.state], p.address, p.unit?.name ?? ''].join(','))
    return { status: 200, blob: new Blob(['编号,类别,状态,地点,责任单位\n' + rows.join('\n')], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), headers: { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('问题台账.xlsx')}` } }
  }
  if (path === '/attachments' && method === 'POST') {
    const f = req.form?.get('file')
    if (!(f instanceof Blob)) return problemJson(400, '请选择要上传的文件')
    const id = nextAttachment++
    // A placeholder image rather than a blob: URL, which would not outlive the page.
    const url = svgPhoto(`模拟上传 #${id}（${Math.round(f.size / 1024)} KB）`, 200 + (id % 5) * 20, id)
    uploads.set(id, { url, taken_at: iso(now() - 60000), lng: null, lat: null })
    return json({ id, sha256: hex(64, r), width: 1600, height: 1200, taken_at: iso(now() - 60000), lng: null, lat: null, thumbnail_url: url, url }, 201)
  }
  if (path === '/problems' && method === 'GET') {
    const all = filtered(u, q)
    const limit = Math.min(Number(q.get('limit') || 50), 500)
    const offset = Number(q.get('cursor') || 0)
    const items = all.slice(offset, offset + limit).map((p) => view(u, p))
    return json({ items, next_cursor: offset + limit < all.length ? String(offset + limit) : null, total: all.length })
  }
  if (path === '/problems' && method === 'POST') {
    const lng = Number(body.lng), lat = Number(body.lat)
    const c = categories.find((x) => x.code === body.category_code)
    if (!c) return problemJson(422, '提交的数据未通过校验', { errors: [{ field: 'category_code', message: '问题类别不存在' }] })
    const g = gridAt(lng, lat)
    const t = now()
    const id = problems.length + 1
    const before = ((body.attachment_ids as number[]) ?? []).map((aid) => ({ id: aid, role: 'before' as const, thumbnail_url: uploads.get(aid)?.url ?? '', url: uploads.get(aid)?.url ?? '', taken_at: iso(t - 60000), lng, lat }))
    const after = ((body.after_attachment_ids as number[]) ?? []).map((aid) => ({ ...before[0], id: aid, role: 'after' as const, thumbnail_url: uploads.get(aid)?.url ?? '', url: uploads.get(aid)?.url ?? '' }))
    const sugg = suggestUnit(c.code, lng, lat)
    const fixed = !!body.fixed_on_spot
    const p: MockProblem = {
      id, number: iso(t).slice(0, 10).replace(/-/g, '') + String(id).padStart(4, '0'), state: fixed ? 'handled' : 'reported', state_label: '', suspended: false,
      source: body.source as MockProblem['source'], source_label: '', category_code: c.code, category_name: c.name, lng, lat,
      address: String(body.address ?? ''), description: String(body.description ?? ''), grid: g ? { id: g.id, code: g.code, name: g.name } : null,
      zones: zonesAt(lng, lat).map((z) => ({ id: z.id, name: z.name, kind: z.kind })), suggested_unit: sugg[0] ? { id: sugg[0].id, name: sugg[0].name } : null,
      unit: null, assist_units: [], reporter: { id: u.id, display_name: u.display_name }, reported_at: iso(t), dispatched_at: null,
      handled_at: fixed ? iso(t) : null, closed_at: null, sla: { deadline: null, used_ratio: 0, light: null, overdue: false },
      flags: { outside_grid: !g, duplicate_of: null, rebound_of: null, evidence: [] }, rework_count: 0, return_count: 0, campaign_id: null,
      outcome: null, attachments: [...before, ...after], allowed_actions: [], version: 1, _reported_ms: t, _deadline_ms: null, _limit_ms: (c.limit?.hours ?? 8) * 3600000, _ext_pending: false,
    }
    problems.push(p)
    addHistory(p, 'report', { id: u.id, display_name: u.display_name }, null, p.state, fixed ? '当场处置' : null, t)
    return json(view(u, p), 201)
  }
  const m = /^\/problems\/(\d+)(\/history|\/actions)?$/.exec(path)
  if (m) {
    const p = problems.find((x) => x.id === Number(m[1]))
    if (!p || !visible(u, p)) return problemJson(404, '问题不存在')
    if (!m[2]) return json(view(u, p))
    if (m[2] === '/history') return json({ items: historyOf(p) })
    if (method === 'POST') return act(u, p, body)
  }
  return problemJson(404, '接口不存在', { detail: `${method} ${path}（模拟模式）` })
}
