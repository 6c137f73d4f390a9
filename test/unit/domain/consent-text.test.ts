// The ID-number consent says how the number is shown, and that must match IdNumberInput: readable
// while typed (and while an error about it asks the person to check it), masked once they leave
// the field and wherever it is shown later. "始终打码" (always masked) was no longer true.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { account } from '../../../src/domain/messages/zh-CN/account'

const body = account.realName.consentBody
const input = readFileSync(join(__dirname, '../../../src/components/IdNumberInput.tsx'), 'utf8')

describe('ID-number consent text', () => {
  it('does not claim the number is always masked', () => {
    expect(body).not.toMatch(/始终打码|一直打码|全程打码/)
  })

  it('says it is readable while typed and masked after leaving the field, as the input does', () => {
    // The input: masked (maskIdNumber) only when not focused, not revealed for an error, and not empty.
    expect(input).toContain("const masked = !focused && !reveal && value !== ''")
    expect(input).toContain('value={masked ? maskIdNumber(value) : value}')
    expect(body).toMatch(/填写时[^。]*完整显示/)
    expect(body).toMatch(/离开输入框后即打码/)
    expect(body).toMatch(/有误[^。]*除外/)
    expect(body).toMatch(/之后在页面中均打码显示/)
  })
})
