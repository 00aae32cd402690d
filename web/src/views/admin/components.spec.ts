import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'
import CategoriesTab from './components/CategoriesTab.vue'
import ImportDialog from './components/ImportDialog.vue'
import UserDialog from './components/UserDialog.vue'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

type Handler = (url: string, init?: RequestInit) => Response | Promise<Response>

async function render(component: unknown, props: Record<string, unknown>, handler: Handler) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => handler(url, init))
  vi.stubGlobal('fetch', fetchMock)
  const router = makeRouter()
  const wrapper = mount(component as never, {
    props: props as never,
    global: { plugins: [makePinia(['admin']), i18n, router], stubs: { transition: false, 'transition-group': false } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, fetchMock }
}

const problem = (status: number, body: unknown) => jsonResponse(body, status, 'application/problem+json')

const categoryDoc = {
  version: 1,
  classes: [{ code: '06', name: '市容环境' }],
  categories: [
    {
      code: '06010',
      parent: '06',
      name: '暴露垃圾',
      aliases: [],
      standard: 'national',
      limit: { hours: 4, kind: 'working' },
      unit_type: '环卫',
      after_photo_required: true,
      deduction: 1,
      filing_standard: '路面有暴露垃圾',
      closing_standard: '垃圾清运干净',
    },
  ],
}

describe('CategoriesTab', () => {
  it('shows the server’s refusal and keeps the edit unsaved', async () => {
    const { wrapper, fetchMock } = await render(CategoriesTab, {}, (_url, init) => {
      if (init?.method === 'PUT')
        return problem(400, {
          title: '提交的数据未通过校验',
          errors: [{ field: 'categories', message: '类别 06010 已有问题使用，不能删除' }],
        })
      return jsonResponse({ items: [], document: categoryDoc })
    })
    expect(wrapper.find('[data-test="cat-name-06010"]').text()).toBe('暴露垃圾')
    expect(wrapper.find('[data-test="cat-limit-06010"]').text()).toBe('4 工作小时')
    await wrapper.find('[data-test="cat-delete-06010"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="cat-dirty"]').text()).toContain('删除 1 项')
    await wrapper.find('[data-test="cat-save"]').trigger('click')
    await flushPromises()
    const put = fetchMock.mock.calls.find((c) => c[1]?.method === 'PUT')
    expect(JSON.parse(String(put?.[1]?.body)).categories).toEqual([])
    const alert = wrapper.find('[data-test="cat-errors"]').text()
    expect(alert).toContain('未保存：提交的数据未通过校验')
    expect(alert).toContain('类别 06010 已有问题使用，不能删除')
    expect(wrapper.find('[data-test="cat-dirty"]').exists()).toBe(true)
  })

  it('catches a bad time limit locally without calling the server', async () => {
    const { wrapper, fetchMock } = await render(CategoriesTab, {}, () => jsonResponse({ items: [], document: categoryDoc }))
    await wrapper.find('[data-test="cat-edit-06010"]').trigger('click')
    const input = wrapper.find('[data-test="cat-hours-06010"] input')
    await input.setValue('-1')
    await input.trigger('blur')
    await wrapper.find('[data-test="cat-save"]').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="cat-hours-error-06010"]').text()).toBe('类别 06010 的整改时限应大于 0 小时')
    expect(fetchMock.mock.calls.some((c) => c[1]?.method === 'PUT')).toBe(false)
  })
})

describe('ImportDialog', () => {
  it('dry-runs the chosen file and names every bad row; import stays disabled', async () => {
    const { wrapper, fetchMock } = await render(ImportDialog, { open: false, initialKind: 'units' }, () =>
      problem(400, {
        type: 'import-invalid',
        title: '导入文件有误，未导入任何数据',
        ok: false,
        dry_run: true,
        errors: [{ index: 1, code: 'X 2', field: 'code', reason: '单位编码只能包含字母、数字、-、_ 和 .' }],
      }),
    )
    await wrapper.setProps({ open: true } as never)
    await flushPromises()
    const csv = '编码,名称,单位类型\nA1,甲,team\nX 2,乙,team\n'
    const file = new File([csv], 'units.csv', { type: 'text/csv' })
    const input = document.querySelector('[data-test="import-file"] input[type=file]') as HTMLInputElement
    Object.defineProperty(input, 'files', { value: [file] })
    input.dispatchEvent(new Event('change'))
    await vi.waitFor(() => expect(document.querySelector('[data-test="import-refused"]')).not.toBeNull())
    const [url, init] = fetchMock.mock.calls[0]
    expect(url).toBe('/api/v1/import/units?dry_run=true')
    expect(init?.body).toBe(csv)
    const rows = [...document.querySelectorAll('[data-test="import-errors"] .el-table__row')].map((r) => r.textContent)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('第 3 行')
    expect(rows[0]).toContain('乙')
    expect((document.querySelector('[data-test="import-commit"]') as HTMLButtonElement).disabled).toBe(true)
  })
})

describe('UserDialog', () => {
  it('sends a new account and shows the server’s field error in place', async () => {
    const { wrapper, fetchMock } = await render(UserDialog, { target: null }, (url, init) => {
      if (url.startsWith('/api/v1/users') && init?.method === 'POST')
        return problem(409, { title: '用户名已存在', errors: [{ field: 'username', message: '用户名 li 已被使用' }] })
      return jsonResponse({ items: [] })
    })
    await wrapper.setProps({ target: { user: null } } as never)
    await flushPromises()
    const q = (s: string) => document.querySelector(s) as HTMLInputElement
    const set = async (sel: string, v: string) => {
      const el = q(sel)
      el.value = v
      el.dispatchEvent(new Event('input'))
      await flushPromises()
    }
    await set('input[data-test="user-username"]', 'li')
    await set('input[data-test="user-display-name"]', '李四')
    await set('input[data-test="user-password"]', 'password-1')
    ;(document.querySelector('[data-test="role-inspector"] input') as HTMLInputElement).click()
    await flushPromises()
    ;(document.querySelector('[data-test="user-save"]') as HTMLButtonElement).click()
    await flushPromises()
    await new Promise((r) => setTimeout(r, 150))
    const post = fetchMock.mock.calls.find((c) => c[1]?.method === 'POST')
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({
      username: 'li',
      display_name: '李四',
      password: 'password-1',
      roles: ['inspector'],
      grid_ids: [],
    })
    const errs = [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent?.trim())
    expect(errs).toContain('用户名 li 已被使用')
    wrapper.unmount()
  })
})
