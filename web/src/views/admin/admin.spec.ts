import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import type { AdminUser } from '@/api/users'
import type { CategoriesDocument } from '@/api/categories'
import { subtreeIds, unitTree, useFormErrors } from './hooks'
import { validateUnit, emptyUnitForm } from './units'
import { emptyUserForm, userPatch, validateUser } from './users'
import { cellKey, newCategory, validateCategories } from './categories'
import { monthGrid, nextKind, validatePeriods, workingMinutes } from './calendar'
import { csvRows, fileRecords, issueRows } from './importer'
import { checkScheme, jsonErrorAt } from './schemes'
import { validateWebhook, webhookBody } from './webhook'

const unit = (id: number, parent_id: number | null) => ({ id, code: `U${id}`, name: `单位${id}`, type: 'team', parent_id, principal: null })

describe('unit tree', () => {
  it('nests by parent and keeps orphans as roots', () => {
    const roots = unitTree([unit(1, null), unit(2, 1), unit(3, 2), unit(4, 99)])
    expect(roots.map((r) => r.id)).toEqual([1, 4])
    expect(roots[0].children?.[0].children?.[0].id).toBe(3)
  })
  it('knows a unit’s whole subtree (it cannot become its own parent)', () => {
    expect([...subtreeIds([unit(1, null), unit(2, 1), unit(3, 2), unit(4, 1), unit(5, null)], 2)].sort()).toEqual([2, 3])
  })
  it('checks a unit form like the server', () => {
    const f = { ...emptyUnitForm(), code: 'bad code', name: '', phone: 'abc', handles: ['环卫、城管'] }
    expect(Object.keys(validateUnit(f)).sort()).toEqual(['code', 'handles', 'name', 'phone'])
    expect(validateUnit({ ...emptyUnitForm(), code: 'HWS-2', name: '环卫二所' })).toEqual({})
  })
})

describe('useFormErrors', () => {
  it('puts server field errors next to their fields and the rest above the form', () => {
    const e = useFormErrors(['username', 'roles'])
    e.apply(
      new ApiError(400, {
        title: '提交的数据未通过校验',
        errors: [
          { field: 'roles[1]', message: '未知角色' },
          { field: 'username', message: '用户名已存在' },
          { field: 'colour', message: '未知字段' },
        ],
      }),
    )
    expect(e.fields).toEqual({ roles: '未知角色', username: '用户名已存在' })
    expect(e.message.value).toBe('提交的数据未通过校验：colour：未知字段')
    e.apply(new ApiError(409, { title: '用户名已存在' }))
    expect(e.fields).toEqual({})
    expect(e.message.value).toBe('用户名已存在')
  })
})

describe('users', () => {
  const user: AdminUser = { id: 7, username: 'li', display_name: '李娜', roles: ['dispatcher'], unit_id: 2, grid_ids: [1], disabled: false }
  it('validates a new account', () => {
    const e = validateUser({ ...emptyUserForm(), username: 'a b', password: 'short', roles: ['unit_handler'] }, null)
    expect(e).toEqual({
      username: '只能包含字母、数字、下划线、点和连字符',
      password: '密码至少 8 位',
      display_name: '请填写姓名',
      unit_id: '责任单位人员须选择所属单位',
    })
  })
  it('patches only what changed', () => {
    const f = { ...emptyUserForm(), display_name: '李娜', roles: ['dispatcher', 'inspector'] as AdminUser['roles'], unit_id: 2, grid_ids: [1] }
    expect(userPatch(f, user)).toEqual({ roles: ['dispatcher', 'inspector'] })
    expect(validateUser({ ...f, unit_id: null }, user).unit_id).toBe('所属单位不能清空，请改选其他单位')
  })
})

describe('category editor rules', () => {
  const doc = (): CategoriesDocument => ({
    classes: [{ code: '06', name: '市容环境' }],
    categories: [
      { ...newCategory('06'), code: '06010', name: '暴露垃圾', unit_type: '环卫', filing_standard: 'a', closing_standard: 'b' },
      { ...newCategory('06'), code: '06011', name: '积存垃圾', unit_type: '环卫', filing_standard: 'a', closing_standard: 'b' },
    ],
  })
  it('accepts a clean list', () => {
    expect(validateCategories(doc())).toEqual({})
  })
  it('names each bad cell by row and column', () => {
    const d = doc()
    d.categories[0].limit.hours = -4
    d.categories[1].code = '06010'
    d.categories[1].name = '暴露垃圾'
    d.categories[1].deduction = 101
    d.categories[1].closing_standard = ' '
    expect(validateCategories(d)).toEqual({
      '0.hours': '类别 06010 的整改时限应大于 0 小时',
      '1.code': '编码 06010 重复',
      '1.name': '类别名称「暴露垃圾」重复',
      '1.deduction': '类别 06010 的扣分应在 0 到 100 之间',
      '1.closing_standard': '请填写结案标准',
    })
    d.categories[0].limit.hours = 1.001
    expect(validateCategories(d)['0.hours']).toContain('整数分钟')
  })
  it('maps server field paths to cells', () => {
    expect(cellKey('categories[12].limit.hours')).toBe('12.hours')
    expect(cellKey('categories[3].name')).toBe('3.name')
    expect(cellKey('categories')).toBeNull()
  })
})

describe('calendar', () => {
  it('lays out a month Monday first with holidays and make-up days', () => {
    const weeks = monthGrid(2026, 2, new Set(['2026-02-16']), new Set(['2026-02-14']))
    expect(weeks[0].slice(0, 6)).toEqual([null, null, null, null, null, null])
    expect(weeks[0][6]).toMatchObject({ date: '2026-02-01', weekday: 7, kind: 'weekend' })
    const cells = weeks.flat().filter((d) => d !== null)
    expect(cells).toHaveLength(28)
    expect(cells.find((d) => d.date === '2026-02-16')?.kind).toBe('holiday')
    expect(cells.find((d) => d.date === '2026-02-14')?.kind).toBe('makeup')
  })
  it('cycles a clicked day', () => {
    expect(nextKind('workday', 3)).toBe('holiday')
    expect(nextKind('holiday', 3)).toBe('workday')
    expect(nextKind('weekend', 6)).toBe('makeup')
    expect(nextKind('makeup', 6)).toBe('holiday')
    expect(nextKind('holiday', 7)).toBe('weekend')
  })
  it('checks working periods like the server', () => {
    expect(validatePeriods([{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }])).toEqual({})
    expect(validatePeriods([{ start: '13:00', end: '12:00' }])).toEqual({ 'periods.0': '时段 13:00–12:00 的开始时间应早于结束时间' })
    expect(validatePeriods([{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }])['periods.1']).toContain('重叠')
    expect(validatePeriods([]).periods).toBe('应有 1 到 6 个时段')
    expect(workingMinutes([{ start: '08:30', end: '12:00' }, { start: '13:30', end: '17:30' }])).toBe(450)
  })
})

describe('import preview', () => {
  it('reads CSV rows with their line numbers, quotes spanning lines included', () => {
    const rows = csvRows('a,b\r\n"x\ny",2\n\n3,"q""q"\n')
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x\ny', '2'] },
      { line: 4, cells: [''] },
      { line: 5, cells: ['3', 'q"q'] },
    ])
  })
  it('names each error with the file line, code and name', () => {
    const csv = '\uFEFF编码,名称,单位类型\nA1,甲,team\n\nB 2,乙,king\n'
    const recs = fileRecords(csv)
    expect(recs).toEqual([
      { code: 'A1', name: '甲', where: '第 2 行' },
      { code: 'B 2', name: '乙', where: '第 4 行' },
    ])
    const rows = issueRows(
      {
        ok: false,
        dry_run: true,
        created: 0,
        updated: 0,
        items: [],
        errors: [
          { index: 1, code: '', field: 'type', reason: '未知的单位类型 king' },
          { index: null, code: '', field: '', reason: '未知列：colour' },
        ],
      },
      recs,
    )
    expect(rows.map((r) => [r.where, r.code, r.name, r.reason])).toEqual([
      ['整个文件', '', '', '未知列：colour'],
      ['第 4 行', 'B 2', '乙', '未知的单位类型 king'],
    ])
  })
  it('reads GeoJSON features by index', () => {
    const fc = JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { code: 'g1', name: '一' } }, 'bad'] })
    expect(fileRecords(fc)).toEqual([
      { code: 'g1', name: '一', where: '第 1 个要素' },
      { code: '', name: '', where: '第 2 个要素' },
    ])
  })
})

describe('scheme JSON', () => {
  it('reports parse errors with line and column', () => {
    const text = '{\n  "code": "x",\n  oops\n}'
    let err: unknown
    try {
      JSON.parse(text)
    } catch (e) {
      err = e
    }
    expect(jsonErrorAt(text, err)).toMatch(/JSON 格式错误/)
    expect(checkScheme(text, 'x').doc).toBeNull()
  })
  it('checks the code and the item total', () => {
    const doc = { code: 'territorial', name: '方案', max_score: 100, items: [{ key: 'a', name: 'A', source: 'entries', max: 60 }, { key: 'b', name: 'B', source: 'entries', max: 50 }] }
    const r = checkScheme(JSON.stringify(doc), 'handling')
    expect(r.issues.map((i) => i.field)).toEqual(['code', 'items'])
    expect(r.issues[1].message).toBe('各项满分合计 110 分，超过总分上限 100 分')
  })
})

describe('webhook form', () => {
  it('needs a real URL and events when enabled', () => {
    const f = { url: '', enabled: true, events: [] as string[], secret: '', clearSecret: false }
    expect(validateWebhook(f)).toEqual({
      url: '启用推送时须填写接收地址',
      events: '启用推送时至少选择一种事件',
    })
    expect(validateWebhook({ ...f, url: 'ftp://x', enabled: false }).url).toBe('地址格式应为 http://主机[:端口]/路径')
    expect(validateWebhook({ ...f, url: 'https://hook.example.cn/x', enabled: false }).url).toContain('暂不支持 https://')
    expect(validateWebhook({ ...f, url: 'http://10.0.0.5:8080/hook', events: ['overdue'] })).toEqual({})
  })
  it('keeps, replaces or removes the secret', () => {
    const f = { url: 'http://h/x', enabled: true, events: ['overdue'], secret: '', clearSecret: false }
    expect(webhookBody(f)).toEqual({ url: 'http://h/x', enabled: true, events: ['overdue'] })
    expect(webhookBody({ ...f, secret: 's3cret' }).secret).toBe('s3cret')
    expect(webhookBody({ ...f, clearSecret: true }).secret).toBe('')
  })
})

describe('import file encoding', () => {
  it('keeps UTF-8 and converts GBK (Excel’s CSV on Chinese Windows)', async () => {
    const { decodeFile } = await import('./importer')
    expect(decodeFile(new TextEncoder().encode('编码,名称').buffer as ArrayBuffer)).toEqual({ text: '编码,名称', converted: false })
    const gbk = new Uint8Array([0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0x41])
    expect(decodeFile(gbk.buffer)).toEqual({ text: '编码,A', converted: true })
  })
})
