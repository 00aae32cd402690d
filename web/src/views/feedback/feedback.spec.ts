import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import type { FeedbackItem, FeedbackList, FeedbackPreview } from '@/api/feedback'
import { cleanMeta } from '@/api/feedback'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'
import ImportDialog from './components/ImportDialog.vue'
import FeedbackListsPage from './index.vue'
import { useImportWizard } from './hooks'
import {
  dueInfo,
  emptyMeta,
  fileProblem,
  filterItems,
  headerRowFromDetail,
  itemTally,
  metaBody,
  progressPct,
  rowIssues,
  sourceLabel,
  validateMeta,
} from './logic'
import { decodeText, headerOptions, parseCsv, sniffRows } from './sheet'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const LIST: FeedbackList = {
  id: 4,
  title: '市督查组第3期反馈问题清单',
  doc_number: '市环整办〔2026〕7号',
  issuing_body: '市城乡环境大整治办公室',
  source: 'higher_level',
  source_level: '市',
  received_on: '2026-11-20',
  due_on: '2026-12-10',
  campaign_id: null,
  filename: '清单.xlsx',
  counts: { items: 4, closed: 1, overdue: 2 },
  created_at: '2026-11-20T09:00:00+08:00',
}

function item(over: Partial<FeedbackItem>): FeedbackItem {
  return {
    id: 1,
    row: 3,
    ref: '1',
    values: { description: '背街小巷堆放建筑垃圾', address: '将军路 10 号西侧' },
    problem_id: 10,
    number: 'P20261120-0001',
    state: 'dispatched',
    unit_id: 3,
    deadline: '2026-12-01T23:59:59+08:00',
    overdue: false,
    closed_at: null,
    ...over,
  }
}

const BAD_PREVIEW: FeedbackPreview = {
  dry_run: true,
  header_row: 2,
  headers: ['序号', '反映问题', '具体位置', '问题类别', '经度', '纬度', '责任单位', '整改时限'],
  columns: { ref: '序号', description: '反映问题', address: '具体位置', category: '问题类别', lng: '经度', lat: '纬度', unit: '责任单位' },
  total: 2,
  ok_count: 1,
  error_count: 1,
  rows: [
    {
      row: 3, ref: '1', ok: true, values: { description: '绿化带内积存垃圾', unit: '城管执法中队' },
      category_code: '06010', category_name: '暴露垃圾', unit_name: '城管执法中队', lng: 118.05, lat: 36.8, errors: [],
    },
    {
      row: 4, ref: '2', ok: false, values: { description: '墙面乱涂乱画', unit: '城管中队' },
      category_code: '06L01', category_name: '乱涂乱画', unit_name: '', lng: 118.05, lat: 36.8,
      errors: [{ field: 'unit', message: '责任单位「城管中队」不存在或已停用' }],
    },
  ],
}

describe('labels and numbers', () => {
  it('names the source and computes progress and due days', () => {
    expect(sourceLabel(LIST)).toBe('市级督查')
    expect(sourceLabel({ source: 'citizen', source_level: null })).toBe('群众举报')
    expect(progressPct(LIST.counts)).toBe(25)
    expect(progressPct({ items: 0, closed: 0, overdue: 0 })).toBe(0)
    expect(dueInfo('2026-12-10', '2026-12-04')).toEqual({ kind: 'left', days: 6 })
    expect(dueInfo('2026-12-01', '2026-12-04')).toEqual({ kind: 'past', days: 3 })
    expect(dueInfo('2026-12-10', '2026-12-04', { items: 2, closed: 2, overdue: 0 })).toBeNull()
  })

  it('filters and counts the items of a list', () => {
    const items = [
      item({ id: 1 }),
      item({ id: 2, state: 'closed', closed_at: '2026-11-25T10:00:00+08:00', values: { description: '道路遗撒' } }),
      item({ id: 3, overdue: true, number: 'P20261120-0003' }),
    ]
    expect(itemTally(items)).toEqual({ all: 3, open: 2, closed: 1, overdue: 1 })
    expect(filterItems(items, 'open').map((i) => i.id)).toEqual([1, 3])
    expect(filterItems(items, 'overdue').map((i) => i.id)).toEqual([3])
    expect(filterItems(items, 'all', '遗撒').map((i) => i.id)).toEqual([2])
    expect(filterItems(items, 'all', '0003').map((i) => i.id)).toEqual([3])
  })
})

describe('the details form', () => {
  it('checks what the server checks, keyed like its errors', () => {
    const m = emptyMeta('2026-12-04')
    m.due_on = '2026-12-01'
    expect(Object.keys(validateMeta(m)).sort()).toEqual(['meta.due_on', 'meta.source_level', 'meta.title'])
    m.title = '清单'
    m.source = 'media'
    m.due_on = ''
    expect(validateMeta(m)).toEqual({})
  })

  it('sends only what was given; the level only for inspections', () => {
    const m = { ...emptyMeta('2026-12-04'), title: ' 清单 ', source: 'media' as const, source_level: '市' as const }
    expect(metaBody(m, { description: '反映问题', unit: '' }, null)).toEqual({
      title: '清单',
      source: 'media',
      received_on: '2026-12-04',
      mapping: { description: '反映问题' },
    })
    expect(cleanMeta({ title: 'x', source: 'higher_level', source_level: '区', header_row: 2 })).toEqual({
      title: 'x',
      source: 'higher_level',
      source_level: '区',
      header_row: 2,
    })
  })

  it('refuses old .xls and other files before uploading', () => {
    expect(fileProblem('清单.xls', 100)).toContain('.xlsx')
    expect(fileProblem('清单.pdf', 100)).toBe('只支持 .xlsx 或 .csv 文件')
    expect(fileProblem('清单.XLSX', 100)).toBe('')
    expect(headerRowFromDetail('第 2 行作为表头')).toBe(2)
  })

  it('names every bad field of a preview row', () => {
    expect(rowIssues(BAD_PREVIEW.rows[1])).toEqual(['责任单位「城管中队」不存在或已停用'])
    const lng = { ...BAD_PREVIEW.rows[1], errors: [{ field: 'lng', message: '经纬度应为数字，如 118.05 与 36.80' }] }
    expect(rowIssues(lng)).toEqual(['经度：经纬度应为数字，如 118.05 与 36.80'])
  })
})

const csv = () => new File(['序号,反映问题\n1,垃圾\n'], '清单.csv', { type: 'text/csv' })

const routes = [
  { path: '/feedback-lists', name: 'feedback-lists', component: { render: () => null } },
  { path: '/feedback-lists/:id', name: 'feedback-list', component: { render: () => null } },
]

/** A ZIP with stored (uncompressed) entries: enough for the XLSX reader. */
function storedZip(files: Record<string, string>): Uint8Array {
  const enc = new TextEncoder()
  const locals: number[] = []
  const central: number[] = []
  const u16 = (n: number) => [n & 255, (n >> 8) & 255]
  const u32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >>> 24) & 255]
  let count = 0
  for (const [name, text] of Object.entries(files)) {
    const n = enc.encode(name)
    const d = enc.encode(text)
    const offset = locals.length
    locals.push(...u32(0x04034b50), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(d.length), ...u32(d.length), ...u16(n.length), ...u16(0), ...n, ...d)
    central.push(...u32(0x02014b50), ...u16(20), ...u16(20), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(d.length), ...u32(d.length), ...u16(n.length), ...u16(0), ...u16(0), ...u16(0), ...u16(0), ...u32(0), ...u32(offset), ...n)
    count++
  }
  const eocd = [...u32(0x06054b50), ...u16(0), ...u16(0), ...u16(count), ...u16(count), ...u32(central.length), ...u32(locals.length), ...u16(0)]
  return new Uint8Array([...locals, ...central, ...eocd])
}

describe('reading the header rows in the browser', () => {
  it('parses quoted CSV and decodes GB18030', () => {
    expect(parseCsv('序号,"问题,描述"\r\n1,"说""脏""乱"\n')).toEqual([
      ['序号', '问题,描述'],
      ['1', '说"脏"乱'],
    ])
    // "问题" saved by Chinese Excel (GBK/GB18030)
    expect(decodeText(new Uint8Array([0xce, 0xca, 0xcc, 0xe2]))).toBe('问题')
  })

  it('reads the first sheet of an XLSX with shared and inline strings', async () => {
    const zip = storedZip({
      'xl/workbook.xml':
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="清单" sheetId="1" r:id="rId1"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels':
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
      'xl/sharedStrings.xml': '<sst><si><t>市督查反馈清单</t></si><si><t>序号</t></si><si><r><t>反映</t></r><r><t>问题</t></r></si></sst>',
      'xl/worksheets/sheet1.xml':
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="inlineStr"><is><t>经度</t></is></c></row><row r="3"><c r="A3"><v>1</v></c></row></sheetData></worksheet>',
    })
    const rows = await sniffRows(new File([zip as BlobPart], '清单.xlsx'))
    expect(rows).toEqual([['市督查反馈清单'], ['序号', '', '反映问题', '经度'], ['1']])
    expect(headerOptions(rows, 2)).toEqual(['序号', '反映问题', '经度'])
    expect(await sniffRows(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])], 'x.xlsx'))).toBeNull()
  })
})

describe('useImportWizard', () => {
  function setup() {
    makePinia(['dispatcher'])
    let wiz!: ReturnType<typeof useImportWizard>
    const Probe = defineComponent({
      setup() {
        wiz = useImportWizard()
        return () => h('div')
      },
    })
    mount(Probe, { global: { plugins: [i18n] } })
    return wiz
  }

  it('asks for the columns the server could not find, then previews with the pick', async () => {
    const bodies: Record<string, unknown>[] = []
    const fetchMock = vi.fn(async (_url: string, init?: RequestInit) => {
      const meta = JSON.parse(String((init?.body as FormData).get('meta')))
      bodies.push(meta)
      if (!meta.mapping)
        return jsonResponse(
          {
            title: '请求内容有误',
            status: 400,
            detail: '第 1 行作为表头',
            errors: [{ field: 'meta.mapping.description', message: '找不到「问题描述」列，请在列对应中指定表头' }],
          },
          400,
          'application/problem+json',
        )
      return jsonResponse(BAD_PREVIEW)
    })
    vi.stubGlobal('fetch', fetchMock)
    const wiz = setup()
    expect(await wiz.check()).toBe(false)
    expect(Object.keys(wiz.errors.value).sort()).toEqual(['file', 'meta.source_level', 'meta.title'])
    expect(fetchMock).not.toHaveBeenCalled()

    await wiz.chooseFile(csv())
    wiz.meta.title = '市督查组反馈问题清单'
    await flushPromises()
    expect(Object.keys(wiz.errors.value)).toEqual(['meta.source_level']) // fixed fields lose their error
    wiz.meta.source_level = '市'
    expect(await wiz.check()).toBe(false)
    expect(wiz.step.value).toBe(1)
    expect(wiz.errors.value['meta.mapping.description']).toContain('问题描述')
    expect(wiz.headers.value).toEqual(['序号', '反映问题']) // read from the file itself

    await wiz.setMapping('description', '反映问题')
    expect(bodies[1]).toMatchObject({ title: '市督查组反馈问题清单', source_level: '市', mapping: { description: '反映问题' } })
    expect(wiz.preview.value?.error_count).toBe(1)
    expect(wiz.canImport.value).toBe(false)
    expect(wiz.mapping.value.unit).toBe('责任单位')
    expect(await wiz.commit()).toBeNull()
    expect(fetchMock.mock.calls.every(([url]) => String(url).includes('dry_run=true'))).toBe(true)
  })
})

describe('ImportDialog', () => {
  it('highlights the bad row with its message and keeps import disabled', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (String(url).includes('/feedback-lists') ? jsonResponse(BAD_PREVIEW) : jsonResponse({ items: [] }))),
    )
    const wrapper = mount(ImportDialog, {
      props: { modelValue: true },
      global: { plugins: [makePinia(['dispatcher']), i18n, makeRouter(routes)] },
      attachTo: document.body,
    })
    await flushPromises()
    const input = document.querySelector<HTMLInputElement>('[data-test="fb-file"] input[type="file"]')!
    Object.defineProperty(input, 'files', { value: [csv()], configurable: true })
    input.dispatchEvent(new Event('change'))
    const title = document.querySelector<HTMLInputElement>('[data-test="fb-title"] input, input[data-test="fb-title"]')!
    title.value = '市督查组反馈问题清单'
    title.dispatchEvent(new Event('input'))
    ;(document.querySelector('[data-test="fb-level-市"]') as HTMLElement).querySelector('input')!.click()
    await flushPromises()
    ;(document.querySelector('[data-test="fb-next"]') as HTMLButtonElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 50))
    await flushPromises()
    expect(document.querySelector('[data-test="fb-some-bad"]')?.textContent).toContain('有 1 行有误')
    expect(document.querySelector('[data-test="fb-issues-4"]')?.textContent).toContain('责任单位「城管中队」不存在或已停用')
    expect(document.querySelectorAll('.bad-row').length).toBeGreaterThan(0)
    expect((document.querySelector('[data-test="fb-commit"]') as HTMLButtonElement).disabled).toBe(true)
    wrapper.unmount()
  }, 30000)
})

describe('lists page', () => {
  it('shows progress and overdue, and the import button only to dispatchers', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => jsonResponse({ items: [LIST] })),
    )
    const mountAs = async (roles: ('dispatcher' | 'viewer')[]) => {
      const w = mount(FeedbackListsPage, { global: { plugins: [makePinia(roles), i18n, makeRouter(routes)] } })
      await flushPromises()
      return w
    }
    const w = await mountAs(['dispatcher'])
    expect(w.find('[data-test="fb-list-4"]').text()).toContain('市督查组第3期反馈问题清单')
    expect(w.find('[data-test="fb-progress-4"]').text()).toContain('1/4')
    expect(w.find('[data-test="fb-overdue-4"]').text()).toBe('2')
    expect(w.find('[data-test="fb-import"]').exists()).toBe(true)
    w.unmount()
    const v = await mountAs(['viewer'])
    expect(v.find('[data-test="fb-list-4"]').exists()).toBe(true)
    expect(v.find('[data-test="fb-import"]').exists()).toBe(false)
    v.unmount()
  })
})
