import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import LoginPage from './index.vue'
import { validateLogin, safeRedirect } from './hooks'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'

const t = (k: string) => i18n.global.t(k)

afterEach(() => vi.unstubAllGlobals())

describe('validateLogin', () => {
  it('requires both fields', () => {
    expect(validateLogin({ username: '', password: '' }, t)).toEqual({
      username: '请输入用户名',
      password: '请输入密码',
    })
  })
  it('checks lengths and trims the username', () => {
    expect(validateLogin({ username: ' a ', password: '123' }, t)).toEqual({
      username: '用户名长度为 2–64 个字符',
      password: '密码长度至少 4 位',
    })
    expect(validateLogin({ username: 'dispatcher', password: 'demo1234' }, t)).toEqual({})
  })
})

describe('safeRedirect', () => {
  it('accepts only in-app paths', () => {
    expect(safeRedirect('/ledger?state=closed')).toBe('/ledger?state=closed')
    expect(safeRedirect('//evil.example')).toBeNull()
    expect(safeRedirect('https://evil.example')).toBeNull()
    expect(safeRedirect('/login')).toBeNull()
    expect(safeRedirect(['/x'])).toBeNull()
  })
})

async function mountLogin(fetchImpl: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn(fetchImpl)
  vi.stubGlobal('fetch', fetchMock)
  const router = makeRouter()
  await router.push('/login?redirect=/ledger')
  const wrapper = mount(LoginPage, {
    global: { plugins: [makePinia(), i18n, router], stubs: { transition: false, 'transition-group': false } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, fetchMock, router }
}

describe('login form', () => {
  it('shows field errors and does not call the server when empty', async () => {
    const { wrapper, fetchMock } = await mountLogin(async (url) =>
      url.includes('/demo/logins') ? jsonResponse({ title: 'not found' }, 404) : jsonResponse({}),
    )
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    // element-plus shows the message after a debounced state change (~100 ms)
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    const text = wrapper.findAll('.el-form-item__error').map((e) => e.text()).join('|')
    expect(text).toContain('请输入用户名')
    expect(text).toContain('请输入密码')
    expect(fetchMock.mock.calls.map((c) => c[0])).toEqual(['/api/v1/demo/logins'])
    wrapper.unmount()
  })

  it('renders demo logins as chips and signs in with one click', async () => {
    const user = { id: 2, username: 'dispatcher', display_name: '李娜', roles: ['dispatcher'], unit: null, grid_ids: [] }
    const { wrapper, fetchMock, router } = await mountLogin(async (url, init) => {
      if (url.includes('/demo/logins'))
        return jsonResponse([{ username: 'dispatcher', password: 'demo1234', role: 'dispatcher', display_name: '李娜' }])
      if (url.endsWith('/session') && init?.method === 'POST') return jsonResponse({ token: 't', csrf_token: 'c', user })
      return jsonResponse({}, 404)
    })
    const chip = wrapper.find('[data-test="demo-dispatcher"]')
    expect(chip.text()).toContain('受理派遣员')
    await chip.trigger('click')
    await flushPromises()
    const post = fetchMock.mock.calls.find((c) => c[1]?.method === 'POST')
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ username: 'dispatcher', password: 'demo1234' })
    expect(router.currentRoute.value.fullPath).toBe('/ledger')
    wrapper.unmount()
  })

  it('shows the server title on a failed login', async () => {
    const { wrapper } = await mountLogin(async (url) =>
      url.includes('/demo/logins')
        ? jsonResponse([], 200)
        : jsonResponse({ title: '用户名或密码错误', status: 401 }, 401, 'application/problem+json'),
    )
    await wrapper.find('input[name="username"]').setValue('grid1')
    await wrapper.find('input[name="password"]').setValue('wrong-pass')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('用户名或密码错误')
    wrapper.unmount()
  })
})
