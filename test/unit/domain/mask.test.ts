import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../../src/domain/mask'
import { makeIdNumber } from '../../../src/domain/idNumber'

describe('maskIdNumber: first and last character, length kept', () => {
  it('masks an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1****************X')
    expect(maskIdNumber('330203199001010014')).toBe('3****************4')
  })
  it('never shows the region or the birth date', () => {
    const id = makeIdNumber('330203', '1987-06-05', 123)
    const m = maskIdNumber(id)
    expect(m).toHaveLength(18)
    expect(m).not.toContain('0203')
    expect(m).not.toContain('1987')
    expect(m.replace(/\*/g, '')).toBe(id[0] + id[17])
  })
  it('normalises before masking (spaces, lower-case x, full-width)', () => {
    expect(maskIdNumber(' 110105 19491231 002x ')).toBe('1****************X')
    expect(maskIdNumber('１１０１０５１９４９１２３１００２ｘ')).toBe('1****************X')
  })
  it('handles short and empty input', () => {
    expect(maskIdNumber('')).toBe('')
    expect(maskIdNumber('1')).toBe('*')
    expect(maskIdNumber('12')).toBe('**')
    expect(maskIdNumber('123')).toBe('1*3')
    expect(maskIdNumber('110105491231002')).toBe('1*************2') // old 15-digit
  })
})

describe('maskName: only the last character shows, at most 4 stars', () => {
  it.each([
    ['张', '*'],
    ['张三', '*三'],
    ['李小明', '**明'],
    ['欧阳娜娜', '***娜'],
    ['司马相如', '***如'],
    ['阿依古丽·买买提', '****提'],
    ['买买提·艾力', '****力'],
    ['爱新觉罗·溥仪', '****仪'],
    ['  王五  ', '*五'],
    ['𠮷田', '*田'], // a character outside the BMP counts once
    ['John Smith', '****h'],
    ['', ''],
    ['   ', ''],
  ])('%s -> %s', (name, masked) => {
    expect(maskName(name)).toBe(masked)
  })
  it('never shows the surname or the middle dot', () => {
    for (const n of ['张三', '欧阳娜娜', '阿依古丽·买买提']) {
      expect(maskName(n)).not.toContain(n[0])
      expect(maskName(n)).not.toContain('·')
    }
  })
})

describe('maskPhone: first 3 and last 4', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['008613812345678', '138****5678'],
    ['8613812345678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['0574-87654321', '057*****4321'], // landline: same rule on the digits
    ['87654321', '876*4321'],
    ['1234567', '*****67'],
    ['123', '*23'],
    ['12', '**'],
    ['', ''],
    ['abc', ''],
  ])('%s -> %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })
})

describe('maskAddress: keep down to county level, then a fixed ****', () => {
  it.each([
    ['浙江省宁波市海曙区中山西路1号', '浙江省宁波市海曙区****'],
    ['宁波市鄞州区首南街道日丽中路777号3幢1201室', '宁波市鄞州区****'],
    ['浙江宁波市镇海区骆驼街道', '浙江宁波市镇海区****'],
    ['  浙江省 宁波市 北仑区 新碶街道 ', '浙江省宁波市北仑区****'],
    ['浙江省宁海县跃龙街道', '浙江省宁海县****'],
    ['浙江省慈溪市浒山街道', '浙江省慈溪市****'],
    ['海曙区中山西路1号', '海曙区****'], // a district we know may start the address
    ['北京市朝阳区建国路88号', '北京市朝阳区****'],
    ['北京朝阳区建国路', '北京朝阳区****'],
    ['北京市东城区东华门', '北京市东城区****'],
    ['上海市浦东新区世纪大道100号', '上海市浦东新区****'],
    ['重庆市渝中区解放碑', '重庆市渝中区****'],
    ['新疆维吾尔自治区乌鲁木齐市天山区解放路', '新疆维吾尔自治区乌鲁木齐市天山区****'],
    ['内蒙古自治区锡林郭勒盟锡林浩特市', '内蒙古自治区锡林郭勒盟锡林浩特市'],
    ['云南省西双版纳傣族自治州景洪市勐罕镇', '云南省西双版纳傣族自治州景洪市****'],
    ['湖北省神农架林区松柏镇', '湖北省神农架林区****'],
    ['吉林省吉林市船营区', '吉林省吉林市船营区'],
    ['黑龙江省哈尔滨市道里区', '黑龙江省哈尔滨市道里区'],
    ['宁波市海曙区省府路1号', '宁波市海曙区****'], // 省 in a street name is not a province
    ['浙江省杭州市西湖区市民中心', '浙江省杭州市西湖区****'],
    ['广东省东莞市东城街道', '广东省东莞市****'], // a street, not a district
    ['浙江省宁波市阳光小区3幢', '浙江省宁波市****'], // a housing estate, not a district
    ['江苏省苏州市工业园区星湖街', '江苏省苏州市****'],
    ['香港特别行政区', '香港特别行政区'],
    ['宁波市', '宁波市'],
    ['阳光小区3幢201', '****'], // nothing administrative recognised: hide all
    ['中山西路1号', '****'],
    ['', ''],
  ])('%s -> %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked)
  })
  it('hides the length of what it hides', () => {
    expect(maskAddress('宁波市海曙区一')).toBe(maskAddress('宁波市海曙区一二三四五六七八九十号'))
  })
})
