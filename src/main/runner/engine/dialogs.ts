// Answers every alert, confirm, prompt and beforeunload at once (a dialog left open would freeze
// the page): as a `dialog` step said for the next one or for all, else by the test's policy
// (accept alerts, dismiss confirms and prompts). Each dialog's message is recorded.
import type { BrowserContext, Dialog } from 'playwright'
import type { DialogPolicy, DialogRecord, DialogResponse } from './types'

interface Answer {
  response: DialogResponse
  promptText: string | null
}

export class Dialogs {
  readonly records: DialogRecord[] = []
  private next: Answer | null = null
  private readonly policy: Required<Omit<DialogPolicy, 'promptText'>> & { promptText: string | null }

  constructor(
    private readonly context: BrowserContext,
    policy: DialogPolicy | undefined,
    private readonly where: (dialog: Dialog) => { stepIndex: number | null; windowId: string | null },
  ) {
    this.policy = {
      confirm: policy?.confirm ?? 'dismiss',
      prompt: policy?.prompt ?? 'dismiss',
      promptText: policy?.promptText ?? null,
      beforeunload: policy?.beforeunload ?? 'accept',
    }
  }

  attach(): void {
    this.context.on('dialog', this.onDialog)
  }

  detach(): void {
    this.context.off('dialog', this.onDialog)
  }

  /** What a `dialog` step asked for: the next dialog only, or every one from now on. */
  expect(response: DialogResponse, promptText: string | null, scope: 'next' | 'all'): void {
    if (scope === 'next') {
      this.next = { response, promptText }
      return
    }
    this.next = null
    this.policy.confirm = response
    this.policy.prompt = response
    this.policy.beforeunload = response
    this.policy.promptText = promptText
  }

  private answerFor(type: string): Answer {
    if (this.next) {
      const answer = this.next
      this.next = null
      return answer
    }
    if (type === 'confirm') return { response: this.policy.confirm, promptText: null }
    if (type === 'prompt') return { response: this.policy.prompt, promptText: this.policy.promptText }
    if (type === 'beforeunload') return { response: this.policy.beforeunload, promptText: null }
    return { response: 'accept', promptText: null }
  }

  private readonly onDialog = (dialog: Dialog) => {
    const type = dialog.type()
    const answer = this.answerFor(type)
    const promptText = type === 'prompt' && answer.response === 'accept' ? (answer.promptText ?? dialog.defaultValue()) : null
    const { stepIndex, windowId } = this.where(dialog)
    this.records.push({
      type,
      message: dialog.message(),
      response: answer.response,
      prompt_text: promptText,
      step_index: stepIndex,
      window_id: windowId,
      timestamp: new Date().toISOString(),
    })
    const handled = answer.response === 'accept' ? dialog.accept(promptText ?? undefined) : dialog.dismiss()
    // The page may close with the dialog open; nothing is waiting on the answer then.
    handled.catch(() => undefined)
  }
}
