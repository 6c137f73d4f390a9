// 复制 on h5 (the case number on the receipt): the Clipboard API, else a selected textarea.
import { copyTextH5 } from '../../../src/platform/copy-h5'

function fakeDoc(copyWorks: boolean) {
  const appended: Array<{ value: string; removed: boolean; selected: boolean }> = []
  const doc = {
    body: { appendChild: (el: (typeof appended)[number]) => appended.push(el) },
    createElement: () => {
      const el = { value: '', removed: false, selected: false, style: {}, setAttribute: () => undefined, select: () => (el.selected = true), remove: () => (el.removed = true) }
      return el
    },
    execCommand: jest.fn(() => copyWorks),
  }
  return { doc: doc as unknown as Document, appended, execCommand: doc.execCommand }
}

describe('copyTextH5', () => {
  it('uses navigator.clipboard where the browser allows it', async () => {
    const writeText = jest.fn(async () => undefined)
    const { doc, execCommand } = fakeDoc(true)
    expect(await copyTextH5('ZJ20261207000001', { clipboard: { writeText } } as unknown as Navigator, doc)).toBe(true)
    expect(writeText).toHaveBeenCalledWith('ZJ20261207000001')
    expect(execCommand).not.toHaveBeenCalled()
  })

  it('falls back to a selected textarea when the Clipboard API refuses or is missing, and cleans up', async () => {
    const refused = { clipboard: { writeText: async () => Promise.reject(new Error('NotAllowedError')) } } as unknown as Navigator
    for (const nav of [refused, {} as Navigator]) {
      const { doc, appended, execCommand } = fakeDoc(true)
      expect(await copyTextH5('ZJ1', nav, doc)).toBe(true)
      expect(execCommand).toHaveBeenCalledWith('copy')
      expect(appended).toMatchObject([{ value: 'ZJ1', selected: true, removed: true }])
    }
    const { doc } = fakeDoc(false)
    expect(await copyTextH5('ZJ1', {} as Navigator, doc)).toBe(false)
  })
})
