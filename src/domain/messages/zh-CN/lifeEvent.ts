// Life-event categories (人生事件): the 办事 tab lists them; the catalog area and 代办 scopes reuse them.
// Keys mirror LifeEvent in src/domain/catalog/types.ts.
export const lifeEvent = {
  birth: '生育',
  education: '入学',
  employment: '就业',
  marriage: '婚姻',
  housing: '住房',
  residence: '户籍与居住',
  travel: '出行',
  medical: '就医',
  elderly: '养老',
  retirement: '退休',
  disability: '残疾人服务',
  veteran: '退役',
  death: '身后',
  socialAid: '社会救助',
  legal: '法律服务',
}
