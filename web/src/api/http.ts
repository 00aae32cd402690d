// fetch wrapper for /api/v1: same-origin cookies, CSRF header on writes,
// RFC 9457 problem+json parsed into ApiError, and a 401 hook (→ login).

export const API_BASE = '/api/v1'

export interface FieldError {
  field: string
  message: string
}

export interface ProblemDetails {
  type?: string
  title?: string
  status?: number
  detail?: string
  errors?: FieldError[]
  allowed_actions?: string[]
}

const STATUS_TITLES: Record<number, string> = {
  0: '网络连接失败，请检查网络',
  400: '请求参数有误',
  401: '登录已失效，请重新登录',
  403: '没有权限执行此操作',
  404: '请求的资源不存在',
  409: '数据已变化，请刷新后重试',
  413: '文件过大',
  415: '不支持的文件类型',
  422: '提交的数据未通过校验',
  429: '请求过于频繁，请稍后再试',
  500: '服务器内部错误',
  502: '服务暂不可用',
  503: '服务暂不可用',
}

/** An API failure. `title` is always a human-readable Chinese message. */
export class ApiError extends Error {
  readonly status: number
  readonly type: string
  readonly title: string
  readonly detail?: string
  readonly errors: FieldError[]
  readonly allowedActions: string[]

  constructor(status: number, body: ProblemDetails = {}) {
    const title = body.title || STATUS_TITLES[status] || `请求失败（${status}）`
    super(body.detail ? `${title}：${body.detail}` : title)
    this.name = 'ApiError'
    this.status = status
    this.type = body.type || 'about:blank'
    this.title = title
    this.detail = body.detail
    this.errors = Array.isArray(body.errors) ? body.errors : []
    this.allowedActions = Array.isArray(body.allowed_actions) ? body.allowed_actions : []
  }

  /** True when the request never reached the server (offline, DNS, reset). */
  get isNetwork(): boolean {
    return this.status === 0
  }

  /** Field errors keyed by field name; the first message wins. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.errors) if (e && e.field && !(e.field in out)) out[e.field] = e.message
    return out
  }
}

/** Builds an ApiError from any non-2xx Response (problem+json, JSON or text). */
export async function parseError(res: Response): Promise<ApiError> {
  let body: ProblemDetails = {}
  const ctype = res.headers.get('content-type') || ''
  try {
    if (ctype.includes('json')) {
      const parsed: unknown = await res.json()
      if (parsed && typeof parsed === 'object') body = parsed as ProblemDetails
    } else {
      const text = (await res.text()).trim()
      if (text && text.length < 200 && !text.startsWith('<')) body = { detail: text }
    }
  } catch {
    body = {}
  }
  return new ApiError(res.status, body)
}

type QueryValue = string | number | boolean | null | undefined | (string | number)[]
export type Query = Record<string, QueryValue>

export function buildQuery(query?: Query): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue
    if (Array.isArray(v)) {
      if (v.length) params.set(k, v.join(','))
    } else params.set(k, String(v))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

interface HttpConfig {
  csrfToken: () => string | null | undefined
  onUnauthorized: () => void
}

const config: HttpConfig = {
  csrfToken: () => null,
  onUnauthorized: () => {},
}

/** Wires the client to the session store and router (done once in main.ts). */
export function configureHttp(c: Partial<HttpConfig>): void {
  Object.assign(config, c)
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  query?: Query
  body?: unknown
  form?: FormData
  signal?: AbortSignal
  /** Do not trigger the global 401 → login redirect (session probe, login itself). */
  silent401?: boolean
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method || 'GET'
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  let body: BodyInit | undefined
  if (opts.form) body = opts.form
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (method !== 'GET') {
    const token = config.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  let res: Response
  try {
    res = await fetch(API_BASE + path + buildQuery(opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError(0, { detail: e instanceof Error ? e.message : undefined })
  }
  if (!res.ok) {
    const err = await parseError(res)
    if (res.status === 401 && !opts.silent401) config.onUnauthorized()
    throw err
  }
  return res
}

/** JSON request; resolves to the parsed body (undefined for 204). */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts)
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** Binary download (XLSX, DOCX): resolves to the blob and the server's file name. */
export async function requestBlob(
  path: string,
  opts: RequestOptions = {},
): Promise<{ blob: Blob; filename: string | null }> {
  const res = await send(path, opts)
  const cd = res.headers.get('content-disposition') || ''
  const m = /filename\*=UTF-8''([^;]+)/i.exec(cd) || /filename="?([^";]+)"?/i.exec(cd)
  return { blob: await res.blob(), filename: m ? decodeURIComponent(m[1]) : null }
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) =>
    request<T>(path, { ...opts, method: 'GET', query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>(path, { ...opts, method: 'POST', body }),
  put: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body?: unknown) => request<T>(path, { method: 'PATCH', body }),
  del: <T>(path: string) => request<T>(path, { method: 'DELETE' }),
  upload: <T>(path: string, form: FormData) => request<T>(path, { method: 'POST', form }),
}

/** Saves a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
