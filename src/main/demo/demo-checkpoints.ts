// The demo's checkpoint tests: an HTTP request whose captured token a later step uses, API
// checks (status, JSON paths, time), a downloaded file's checks, a visual baseline (the first
// demo run makes it and says so) and accessibility with the violations the test knows about.
import type { DemoTest, Step } from './demo-types'

const checkpoint = (checkpoint: Record<string, unknown>, selector?: string): Step => ({
  action: 'checkpoint',
  target: selector ? { selector } : null,
  options: { checkpoint },
})

export const CHECKPOINT_TESTS: DemoTest[] = [
  {
    name: 'Checkpoints: sign in through the API and use the token',
    suite: 'Checkpoints',
    tags: ['api'],
    description: 'A request step captures the token of /api/login (secret, so it is masked everywhere); API checkpoints verify the users endpoint and send the token on.',
    steps: [
      {
        action: 'request',
        value: 'api/login',
        options: { method: 'POST', body: '{"username": "${user}", "password": "${password}"}', capture: [{ name: 'token', from: 'json', path: '$.token', secret: true }, { name: 'role', from: 'json', path: '$.user.role' }] },
      },
      checkpoint({
        type: 'api',
        name: 'Users endpoint answers quickly with five users',
        url: 'api/users',
        assertions: [
          { source: 'status', expected: 200 },
          { source: 'header', path: 'content-type', operator: 'contains', expected: 'application/json' },
          { source: 'json', path: '$.total', expected: 5 },
          { source: 'json', path: '$.users[1].role', expected: '${role}' },
          { source: 'time', operator: 'less_than', expected: 3000 },
        ],
      }),
      checkpoint({
        type: 'api',
        name: 'The token goes along as a bearer token',
        url: 'api/echo',
        method: 'POST',
        headers: [{ name: 'X-Demo-Token', value: '${token}' }],
        body: '{"note": "hello"}',
        assertions: [{ source: 'json', path: "$.headers['x-demo-token']", operator: 'matches', expected: '^demo-token-' }, { source: 'json', path: '$.body.note', expected: 'hello' }],
      }),
    ],
  },
  {
    name: 'Checkpoints: the downloaded data file is right',
    suite: 'Checkpoints',
    tags: ['files'],
    steps: [
      { action: 'navigate', value: 'download.html' },
      { action: 'click', target: { selector: '#download-json', alternatives: ['role=button[name="Download data.json"]'] } },
      checkpoint({ type: 'download', file_name: '*.json', min_size: 200, max_size: 400, contains: '"name": "Gamma"' }),
    ],
  },
  {
    name: 'Checkpoints: the badge looks the same and the pages are accessible',
    suite: 'Checkpoints',
    tags: ['visual', 'accessibility'],
    description: 'The first run stores the badge as the baseline; later runs compare with it. The violations page passes because the test acknowledges its known violations.',
    // axe-core takes a few seconds on a slow machine.
    stepTimeoutMs: 30_000,
    steps: [
      { action: 'navigate', value: 'visual.html' },
      checkpoint({ type: 'screenshot', name: 'Demo badge' }, '[data-testid=badge]'),
      checkpoint({ type: 'accessibility', name: 'The visual page has no WCAG A/AA violations' }),
      { action: 'navigate', value: 'a11y-violations.html' },
      checkpoint({
        type: 'accessibility',
        name: 'Only the known violations',
        acknowledged: [
          { rule: 'html-has-lang', reason: 'shown on purpose' },
          { rule: 'image-alt', selector: '#logo-no-alt' },
          { rule: 'label', selector: '#unlabelled-input' },
          { rule: 'color-contrast', selector: '#low-contrast' },
          { rule: 'button-name', selector: '#empty-button' },
          { rule: 'link-name', selector: '#empty-link' },
        ],
      }),
    ],
  },
]
