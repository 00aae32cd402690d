// Dev/preview-only fixture API (VITE_MOCK=1). Replaces window.fetch for /api/v1/*
// so every page can be looked at without the C++ server. Never in production builds.
import { handle, type MockRequest } from './handlers'

const API = '/api/v1'

async function toRequest(input: RequestInfo | URL, init: RequestInit = {}): Promise<MockRequest> {
  const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://mock.local')
  const headers = new Headers(init.headers)
  let body: unknown = null
  let form: FormData | null = null
  if (init.body instanceof FormData) form = init.body
  else if (typeof init.body === 'string') body = JSON.parse(init.body)
  return {
    method: (init.method ?? 'GET').toUpperCase(),
    path: url.pathname.slice(API.length),
    query: url.searchParams,
    body,
    form,
    csrf: headers.get('X-CSRF-Token') ?? undefined,
  }
}

/** Routes /api/v1 requests to the in-memory handlers; other URLs pass through. */
export function installMock(latencyMs = 120): void {
  const real = globalThis.fetch.bind(globalThis)
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const path = href.startsWith('http') ? new URL(href).pathname : href
    if (!path.startsWith(API)) return real(input, init)
    const req = await toRequest(input, init)
    if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs))
    const res = handle(req)
    const headers = new Headers(res.headers ?? {})
    if (res.blob) return new Response(res.blob, { status: res.status, headers })
    if (res.body === undefined) return new Response(null, { status: res.status, headers })
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    return new Response(JSON.stringify(res.body), { status: res.status, headers })
  }
  console.info('[envgrid] mock API enabled (VITE_MOCK=1)')
}
