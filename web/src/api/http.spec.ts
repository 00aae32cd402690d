import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, buildQuery, configureHttp, http, parseError } from './http'
import { jsonResponse } from '@/test/helpers'

afterEach(() => {
  vi.unstubAllGlobals()
  configureHttp({ csrfToken: () => null, onUnauthorized: () => {} })
})

describe('parseError', () => {
  it('reads an RFC 9457 problem with field errors and allowed actions', async () => {
    const res = jsonResponse(
      {
        type: 'https://envgrid/errors/validation',
        title: '提交的数据未通过校验',
        status: 422,
        detail: '2 个字段有误',
        errors: [
          { field: 'category_code', message: '问题类别不存在' },
          { field: 'lng', message: '经度超出范围' },
          { field: 'lng', message: '第二条被忽略' },
        ],
        allowed_actions: ['dispatch', 'void'],
      },
      422,
      'application/problem+json',
    )
    const e = await parseError(res)
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(422)
    expect(e.title).toBe('提交的数据未通过校验')
    expect(e.detail).toBe('2 个字段有误')
    expect(e.message).toBe('提交的数据未通过校验：2 个字段有误')
    expect(e.fieldErrors()).toEqual({ category_code: '问题类别不存在', lng: '经度超出范围' })
    expect(e.allowedActions).toEqual(['dispatch', 'void'])
  })

  it('falls back to a Chinese title by status when the body is not JSON', async () => {
    const e = await parseError(new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }))
    expect(e.title).toBe('服务暂不可用')
    expect(e.errors).toEqual([])
    expect(e.detail).toBeUndefined()
  })

  it('survives a malformed JSON body', async () => {
    const e = await parseError(new Response('{oops', { status: 413, headers: { 'content-type': 'application/problem+json' } }))
    expect(e.status).toBe(413)
    expect(e.title).toBe('文件过大')
  })

  it('ignores a non-array errors field', async () => {
    const e = await parseError(jsonResponse({ title: '冲突', errors: 'x' }, 409))
    expect(e.errors).toEqual([])
    expect(e.fieldErrors()).toEqual({})
  })
})

describe('request', () => {
  it('sends the CSRF header on writes only, with same-origin credentials', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ ok: true }))
    vi.stubGlobal('fetch', fetchMock)
    configureHttp({ csrfToken: () => 'tok-1' })
    await http.get('/problems', { state: ['reported', 'registered'], q: '', limit: 50 })
    await http.post('/problems/1/actions', { action: 'accept', version: 3 })
    const [getUrl, getInit] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    const [postUrl, postInit] = fetchMock.mock.calls[1] as unknown as [string, RequestInit]
    expect(getUrl).toBe('/api/v1/problems?state=reported%2Cregistered&limit=50')
    expect((getInit.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined()
    expect(getInit.credentials).toBe('same-origin')
    expect(postUrl).toBe('/api/v1/problems/1/actions')
    expect((postInit.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-1')
    expect(postInit.body).toBe('{"action":"accept","version":3}')
  })

  it('throws ApiError and calls the 401 hook unless silenced', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse({ title: '未登录', status: 401 }, 401, 'application/problem+json')))
    const onUnauthorized = vi.fn()
    configureHttp({ onUnauthorized })
    await expect(http.get('/problems')).rejects.toMatchObject({ status: 401, title: '未登录' })
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    await expect(http.get('/session', undefined, { silent401: true })).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('turns a network failure into status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const e = (await http.get('/health').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.isNetwork).toBe(true)
    expect(e.title).toBe('网络连接失败，请检查网络')
  })

  it('returns undefined for 204', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(null, { status: 204 })))
    await expect(http.del('/session')).resolves.toBeUndefined()
  })
})

describe('buildQuery', () => {
  it('drops empty values and joins arrays with commas', () => {
    expect(buildQuery({ a: undefined, b: null, c: '', d: [], e: 0, f: false, g: ['x', 1] })).toBe('?e=0&f=false&g=x%2C1')
    expect(buildQuery({})).toBe('')
  })
})
