import { describe, it, expect } from 'vitest'
import { request } from 'node:http'
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { demoSiteRoot, startDemoSite, type DemoSiteServer } from './server.js'

async function withServer(run: (site: DemoSiteServer) => Promise<void>) {
  const site = await startDemoSite()
  try {
    await run(site)
  } finally {
    await site.close()
  }
}

/** fetch() normalises "/../" away before sending, so traversal attempts go out through raw http. */
function rawGet(
  site: DemoSiteServer,
  path: string,
): Promise<{ status: number; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: site.port, path, method: 'GET' }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('demoSiteRoot', () => {
  it('points at resources/demo-site with its home page', () => {
    const root = demoSiteRoot()
    expect(root.replace(/\\/g, '/')).toMatch(/resources\/demo-site$/)
    expect(existsSync(join(root, 'index.html'))).toBe(true)
  })
})

describe('startDemoSite', () => {
  it('listens on an ephemeral port of 127.0.0.1 and reports its url', async () => {
    await withServer(async (site) => {
      expect(site.port).toBeGreaterThan(0)
      expect(site.url).toBe(`http://127.0.0.1:${site.port}/`)
    })
  })

  it('refuses a root folder that does not exist', async () => {
    await expect(startDemoSite({ root: join(demoSiteRoot(), 'no-such-folder') })).rejects.toThrow(/not found/)
  })

  it('serves the home page for / without caching', async () => {
    await withServer(async (site) => {
      const res = await fetch(site.url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-store')
      const html = await res.text()
      expect(html).toContain('<title>TestDesk Demo</title>')
      expect(html).toContain('<h1>TestDesk Demo</h1>')
    })
  })

  it('serves every page with its own title and an h1', async () => {
    const pages = [
      'login.html', 'dashboard.html', 'todos.html', 'table.html', 'delayed.html', 'frames.html',
      'frame-inner.html', 'frame-nested.html', 'popup.html', 'popup-target.html', 'upload.html',
      'download.html', 'dialogs.html', 'console.html', 'network.html', 'dragdrop.html',
      'interactions.html', 'selectors.html', 'a11y-violations.html', 'visual.html',
    ]
    await withServer(async (site) => {
      const titles = new Set<string>()
      for (const page of pages) {
        const res = await fetch(new URL(page, site.url))
        expect(res.status, page).toBe(200)
        const html = await res.text()
        const title = /<title>([^<]+)<\/title>/.exec(html)?.[1]
        expect(title, page).toMatch(/ - TestDesk Demo$/)
        titles.add(title!)
        expect(html, page).toMatch(/<h1[\s>]/)
        if (page !== 'a11y-violations.html') expect(html, page).toContain('<html lang="en">')
      }
      expect(titles.size).toBe(pages.length)
    })
  })

  it('sends the right content type for each kind of file', async () => {
    const expected: Record<string, string> = {
      'style.css': 'text/css; charset=utf-8',
      'js/nav.js': 'text/javascript; charset=utf-8',
      'images/logo.svg': 'image/svg+xml',
      'images/square.png': 'image/png',
      'files/report.csv': 'text/csv; charset=utf-8',
      'files/notes.txt': 'text/plain; charset=utf-8',
    }
    await withServer(async (site) => {
      for (const [path, type] of Object.entries(expected)) {
        const res = await fetch(new URL(path, site.url))
        expect(res.status, path).toBe(200)
        expect(res.headers.get('content-type'), path).toBe(type)
        await res.arrayBuffer()
      }
    })
  })

  it('sends files under /files/ as attachments and other files inline', async () => {
    await withServer(async (site) => {
      const csv = await fetch(new URL('files/report.csv', site.url))
      expect(csv.headers.get('content-disposition')).toBe('attachment; filename="report.csv"')
      expect(await csv.text()).toMatch(/^id,name,role,status,score\n1,Alice Martin/)

      const page = await fetch(new URL('download.html', site.url))
      expect(page.headers.get('content-disposition')).toBeNull()
      await page.text()
    })
  })

  it('answers HEAD with headers and no body', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('style.css', site.url), { method: 'HEAD' })
      expect(res.status).toBe(200)
      expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0)
      expect(await res.text()).toBe('')
    })
  })

  it('answers a missing file with the 404 page', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('no-such-page.html', site.url))
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(await res.text()).toContain('Page not found')
    })
  })

  it('redirects a folder without its trailing slash', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('files', site.url), { redirect: 'manual' })
      expect(res.status).toBe(301)
      expect(res.headers.get('location')).toBe('/files/')
      await res.text()

      // "//files" must not turn into a protocol-relative redirect to a host called "files".
      const sneaky = await rawGet(site, '//files')
      expect(sneaky.status).toBe(301)
      expect(sneaky.location).toBe('/files/')
    })
  })

  it('refuses paths that climb out of the root', async () => {
    await withServer(async (site) => {
      const attempts = [
        '/../package.json',
        '/../../../etc/passwd',
        '/js/../../package.json',
        '/%2e%2e/package.json',
        '/%2E%2E%2Fpackage.json',
        '/js/%2e%2e/%2e%2e/package.json',
        '/..%5cpackage.json',
        '/C:/Windows/win.ini',
        '/%00index.html',
      ]
      for (const path of attempts) {
        const res = await rawGet(site, path)
        expect([403, 404], path).toContain(res.status)
        expect(res.body, path).not.toContain('"name": "testdesk"')
      }
      // An absolute path stays inside the root, where there is no /etc.
      expect((await rawGet(site, '//etc/passwd')).status).toBe(404)
      expect((await rawGet(site, '/%2Fetc%2Fpasswd')).status).toBe(404)
    })
  })

  it('does not follow symbolic links out of the root, and does follow those that stay in it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'td-site-'))
    const outside = mkdtempSync(join(tmpdir(), 'td-outside-'))
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Home</title>')
    writeFileSync(join(root, '404.html'), '<!doctype html><title>Missing</title>')
    writeFileSync(join(outside, 'secret.txt'), 'outside the site')
    symlinkSync(join(outside, 'secret.txt'), join(root, 'linked.txt'))
    symlinkSync(outside, join(root, 'linked-folder'))
    symlinkSync(join(root, 'index.html'), join(root, 'home.html'))
    const site = await startDemoSite({ root })
    try {
      for (const path of ['/linked.txt', '/linked-folder/secret.txt']) {
        const res = await rawGet(site, path)
        expect(res.status, path).toBe(404)
        expect(res.body, path).not.toContain('outside the site')
      }
      expect((await rawGet(site, '/home.html')).body).toContain('<title>Home</title>')
    } finally {
      await site.close()
    }
  })

  it('rejects a malformed escape in the path with 400', async () => {
    await withServer(async (site) => {
      expect((await rawGet(site, '/%E0%A4%A')).status).toBe(400)
    })
  })

  it('allows only GET and HEAD on static files', async () => {
    await withServer(async (site) => {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const res = await fetch(new URL('index.html', site.url), { method })
        expect(res.status, method).toBe(405)
        expect(res.headers.get('allow')).toBe('GET, HEAD')
        await res.text()
      }
    })
  })
})

describe('demo site API', () => {
  it('GET /api/users lists users as JSON', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/users', site.url))
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(res.headers.get('cache-control')).toBe('no-store')
      const body = (await res.json()) as { users: { name: string }[]; total: number }
      expect(body.total).toBe(5)
      expect(body.users).toHaveLength(5)
      expect(body.users[0]).toEqual({ id: 1, name: 'Alice Martin', email: 'alice@testdesk.dev', role: 'Developer' })
    })
  })

  it('GET /api/slow waits at least the asked delay', async () => {
    await withServer(async (site) => {
      const started = performance.now()
      const res = await fetch(new URL('api/slow?ms=300', site.url))
      const elapsed = performance.now() - started
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ delayed: 300, message: 'Responded after 300 ms' })
      // A little slack for timer granularity; never an upper bound.
      expect(elapsed).toBeGreaterThanOrEqual(290)
    })
  })

  it('GET /api/slow defaults to 1500 ms and caps the delay at 30000 ms', async () => {
    await withServer(async (site) => {
      const started = performance.now()
      const res = await fetch(new URL('api/slow', site.url))
      expect(performance.now() - started).toBeGreaterThanOrEqual(1490)
      expect(((await res.json()) as { delayed: number }).delayed).toBe(1500)

      // A delay past the cap is accepted, not refused; the capped answer itself would take 30 s.
      const capped = fetch(new URL('api/slow?ms=999999', site.url)).catch((error: unknown) => error)
      await new Promise((resolve) => setTimeout(resolve, 50))
      await site.close()
      expect(await capped).toBeInstanceOf(Error)
    })
  })

  it('GET /api/slow rejects a delay that is not a number', async () => {
    await withServer(async (site) => {
      for (const ms of ['abc', '-5']) {
        const res = await fetch(new URL(`api/slow?ms=${ms}`, site.url))
        expect(res.status, ms).toBe(400)
        expect(((await res.json()) as { error: string }).error).toBe('Bad Request')
      }
    })
  })

  it('close() resolves while a slow request is still in flight', async () => {
    const site = await startDemoSite()
    const inFlight = fetch(new URL('api/slow?ms=20000', site.url)).then(
      () => 'answered',
      () => 'aborted',
    )
    await new Promise((resolve) => setTimeout(resolve, 50))
    await site.close()
    expect(await inFlight).toBe('aborted')
    // A second close() is harmless.
    await site.close()
  })

  it('a client that gives up on /api/slow does not keep the server busy', async () => {
    await withServer(async (site) => {
      const controller = new AbortController()
      const gaveUp = fetch(new URL('api/slow?ms=20000', site.url), { signal: controller.signal }).catch(
        (error: unknown) => error,
      )
      await new Promise((resolve) => setTimeout(resolve, 50))
      controller.abort()
      expect(await gaveUp).toBeInstanceOf(Error)
      const res = await fetch(new URL('api/users', site.url))
      expect(res.status).toBe(200)
      await res.json()
    })
  })

  it('GET /api/fail answers 500 with a JSON error', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/fail', site.url))
      expect(res.status).toBe(500)
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(await res.json()).toEqual({
        error: 'Internal Server Error',
        message: 'The demo server failed on purpose',
      })
    })
  })

  it('POST /api/echo returns the JSON body and the headers it received', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/echo', site.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Test-Header': 'hello' },
        body: JSON.stringify({ a: 1, list: ['x', 'y'] }),
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { method: string; body: unknown; headers: Record<string, string> }
      expect(body.method).toBe('POST')
      expect(body.body).toEqual({ a: 1, list: ['x', 'y'] })
      expect(body.headers['x-test-header']).toBe('hello')
      expect(body.headers['content-type']).toBe('application/json')
    })
  })

  it('POST /api/echo returns a text body as text and refuses broken JSON', async () => {
    await withServer(async (site) => {
      const text = await fetch(new URL('api/echo', site.url), { method: 'POST', body: 'plain words' })
      expect(((await text.json()) as { body: unknown }).body).toBe('plain words')

      const broken = await fetch(new URL('api/echo', site.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"a":',
      })
      expect(broken.status).toBe(400)
      await broken.json()
    })
  })

  it('POST /api/echo refuses a body over 1 MiB with 413', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/echo', site.url), { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) })
      expect(res.status).toBe(413)
      await res.json()
    })
  })

  it('GET /api/echo is refused with 405', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/echo', site.url))
      expect(res.status).toBe(405)
      expect(res.headers.get('allow')).toBe('POST, PUT, PATCH')
      await res.json()
    })
  })

  it('POST /api/login accepts the demo account', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/login', site.url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'demo@testdesk.dev', password: 'secret123' }),
      })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({
        token: 'demo-token-demo',
        user: { name: 'Demo User', email: 'demo@testdesk.dev', role: 'Tester' },
      })
    })
  })

  it('POST /api/login answers 401 to wrong credentials, 403 to a locked account, 400 to bad input', async () => {
    await withServer(async (site) => {
      const login = (body: string) =>
        fetch(new URL('api/login', site.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })

      const wrong = await login(JSON.stringify({ username: 'demo@testdesk.dev', password: 'nope' }))
      expect(wrong.status).toBe(401)
      expect(await wrong.json()).toEqual({ error: 'Invalid username or password' })

      const locked = await login(JSON.stringify({ username: 'locked@testdesk.dev', password: 'locked123' }))
      expect(locked.status).toBe(403)
      expect(await locked.json()).toEqual({ error: 'This account is locked' })

      for (const bad of ['not json', '{"username":1,"password":"x"}', 'null']) {
        const res = await login(bad)
        expect(res.status, bad).toBe(400)
        await res.json()
      }
    })
  })

  it('GET /api/login is refused with 405', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/login', site.url))
      expect(res.status).toBe(405)
      await res.json()
    })
  })

  it('answers an unknown API route with a JSON 404', async () => {
    await withServer(async (site) => {
      const res = await fetch(new URL('api/missing', site.url))
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(await res.json()).toEqual({ error: 'Not Found', message: 'No API route /api/missing' })
    })
  })
})
