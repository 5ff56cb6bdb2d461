// Steps that take secret variables through every way a page lets them out: a URL the browser
// escapes, a form field, a form sent with GET (form encoding), fetch with encodeURIComponent and
// a JSON body, base64, the console, a prompt answered with the secret and an alert showing it,
// element HTML (attribute escaping), checkpoint messages, a failed step. Runs on the demo site.

export interface JourneyStep {
  action: string
  target: { selector: string } | null
  value: string | null
  options: Record<string, unknown>
}

const js = (lines: string[]) => lines.join('\n')
const step = (action: string, selector: string | null, value: string | null = null, options: Record<string, unknown> = {}): JourneyStep => ({
  action,
  target: selector ? { selector } : null,
  value,
  options,
})

/** `names`: the secret variables to send, e.g. ['password', 'token']. The last step fails on purpose. */
export function secretJourney(names: readonly string[]): JourneyStep[] {
  const joined = names.map((name) => `\${${name}}`).join('|')
  return [
    step('navigate', null, `index.html?q=${joined}`),
    step(
      'run_script',
      null,
      js([
        `document.body.insertAdjacentHTML('beforeend', '<form id="f" method="get" action="api/users"><input id="field" name="pw" aria-label="Secret field"><button id="go">Go</button></form><p id="echo"></p>')`,
        'return true',
      ]),
    ),
    step('fill', '#field', joined),
    step(
      'run_script',
      null,
      js([
        "const v = document.querySelector('#field').value",
        "const b64 = (s) => btoa(String.fromCharCode(...new TextEncoder().encode(s)))",
        "console.log('typed ' + v)",
        "for (const part of v.split('|')) console.log('base64 ' + b64(part) + ' basic ' + b64('user:' + part))",
        "document.querySelector('#echo').title = v",
        "document.querySelector('#echo').textContent = v",
        "const body = JSON.stringify({ pw: v, form: new URLSearchParams({ pw: v }).toString() })",
        "return fetch('api/echo?pw=' + encodeURIComponent(v) + '&b=' + b64(v), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })",
        "  .then((r) => r.text()).then((t) => { console.log('echo ' + t); return v })",
      ]),
      { store_as: 'echoed' },
    ),
    step('dialog', null, joined, { response: 'accept' }),
    step('run_script', null, js(["const answer = prompt('Your secret?')", "alert('You typed ' + answer)", 'return answer'])),
    step('checkpoint', '#echo', null, {
      checkpoint: { type: 'element', assertions: [{ property: 'attribute', name: 'title', expected: `not ${joined}` }] },
      continue_on_failure: true,
      timeout_ms: 500,
    }),
    step('click', '#go'),
    step('checkpoint', 'body', null, {
      checkpoint: { type: 'element', assertions: [{ property: 'text', expected: `${joined} is not on this page` }] },
      timeout_ms: 500,
    }),
  ]
}
