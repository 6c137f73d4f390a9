// The rules of the cases service that used to sit inside the route file: how a supplement (补正)
// merges into the case's materials, and how a draft row is shown to the device.
import { draftView, mergeSupplement } from '../../../mock/src/cases/service'
import type { CaseRow } from '../../../mock/src/cases/machine'

describe('mergeSupplement', () => {
  it('adds the new files to a material already there, keeping the earlier ones', () => {
    const merged = mergeSupplement([{ name: '居民身份证', mode: 'upload', fileIds: ['a'] }], [{ name: '居民身份证', mode: 'upload', fileIds: ['b'] }])
    expect(merged).toEqual([{ name: '居民身份证', mode: 'upload', fileIds: ['a', 'b'] }])
  })

  it('takes the mode the applicant chose now and appends materials the case did not have', () => {
    const current = [
      { name: '户口簿', mode: 'shared' as const },
      { name: '居民身份证', mode: 'deferred' as const, dueOn: '2026-12-01' },
    ]
    const merged = mergeSupplement(current, [
      { name: '居民身份证', mode: 'upload', fileIds: ['x'] },
      { name: '困难情况说明', mode: 'upload', fileIds: ['y'] },
    ])
    expect(merged).toEqual([
      { name: '户口簿', mode: 'shared' },
      { name: '居民身份证', mode: 'upload', dueOn: '2026-12-01', fileIds: ['x'] },
      { name: '困难情况说明', mode: 'upload', fileIds: ['y'] },
    ])
    // The case's own list is not changed in place.
    expect(current).toHaveLength(2)
  })
})

describe('draftView', () => {
  const row = {
    id: 'd1',
    clientRef: 'r1',
    itemCode: 'bundle:B01',
    itemName: '新生儿出生一件事',
    form: { applicantName: '张三' },
    materials: [{ name: '出生医学证明', mode: 'upload', fileIds: ['f1'], providedAt: '2026-11-20T00:00:00.000Z' }, { name: '户口簿', mode: 'shared' }],
    updatedAt: new Date('2026-11-20T01:02:03.000Z'),
  } as unknown as CaseRow

  it('names a bundle by its code and shows only what the device chose', () => {
    expect(draftView(row)).toEqual({
      id: 'd1',
      clientRef: 'r1',
      itemCode: 'B01',
      bundle: true,
      title: '新生儿出生一件事',
      form: { applicantName: '张三' },
      materials: [{ name: '出生医学证明', mode: 'upload', fileIds: ['f1'] }, { name: '户口簿', mode: 'shared' }],
      updatedAt: '2026-11-20T01:02:03.000Z',
    })
    expect(draftView({ ...row, itemCode: 'X1' } as CaseRow)).toMatchObject({ itemCode: 'X1', bundle: false })
  })
})
