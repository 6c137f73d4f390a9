// Validation messages: one sentence per error kind, saying what is wrong and what to do.
// Keys mirror the error unions in src/domain (IdNumberError, UsccError, PhoneError).
export const validation = {
  idNumber: {
    empty: '请输入身份证号码',
    length: '身份证号码应为18位，请核对后重新输入（15位旧号码请先换领18位新证）',
    format: '身份证号码只能包含数字，最后一位可以是字母X，请核对后重新输入',
    region: '身份证号码前6位地区码不正确，请核对后重新输入',
    birthDate: '身份证号码中的出生日期（第7至14位）不是有效日期，请核对后重新输入',
    futureBirthDate: '身份证号码中的出生日期晚于今天，请核对第7至14位后重新输入',
    checkDigit: '身份证号码最后一位校验码不正确，请核对后重新输入',
  },
  uscc: {
    empty: '请输入统一社会信用代码',
    length: '统一社会信用代码应为18位，现在是{length}位，请核对营业执照后重新输入',
    forbiddenChar: '统一社会信用代码不用字母I、O、Z、S、V，请核对第{position}位的“{char}”后重新输入',
    charset: '统一社会信用代码第{position}位的“{char}”不是数字或大写字母，请核对后重新输入',
    registrationAuthority: '统一社会信用代码前两位（登记管理部门和机构类别）不正确，请核对营业执照后重新输入',
    region: '统一社会信用代码第3至8位行政区划码不正确，请核对营业执照后重新输入',
    checkChar: '统一社会信用代码第{position}位校验码与前面的字符不符，可能有字符输错，请逐位核对后重新输入',
  },
  phone: {
    empty: '请输入手机号码',
    format: '请输入11位中国大陆手机号码，以1开头',
  },
} as const
